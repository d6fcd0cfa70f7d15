using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Nightshift.Server.Data;
using Nightshift.Server.Identity;

namespace Nightshift.Server.Tests.Identity;

public sealed class UserDirectoryTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nightshift-users-").FullName;
    private UserDirectory _users = null!;

    public async ValueTask InitializeAsync()
    {
        var options = new DbContextOptionsBuilder<MetadataDbContext>().UseSqlite("Data Source=" + Path.Combine(_folder, "metadata.db")).Options;
        var factory = new PooledDbContextFactory<MetadataDbContext>(options);
        await using (var db = await factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            await db.Database.EnsureCreatedAsync(TestContext.Current.CancellationToken);
        }

        _users = new UserDirectory(factory, TimeProvider.System);
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_password_is_checked_against_its_hash_and_a_wrong_one_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        await _users.CreateUserAsync("t1", "ada", "correct horse", Roles.Engineer, ct);

        var identity = (await _users.CheckPasswordAsync("ada", "correct horse", ct)).ShouldNotBeNull();
        identity.Tenant.ShouldBe("t1");
        identity.Role.ShouldBe(Roles.Engineer);
        (await _users.CheckPasswordAsync("ada", "wrong", ct)).ShouldBeNull();
        (await _users.CheckPasswordAsync("nobody", "correct horse", ct)).ShouldBeNull();
    }

    [Fact]
    public async Task A_name_in_two_tenants_needs_the_tenant_prefix()
    {
        var ct = TestContext.Current.CancellationToken;
        await _users.CreateUserAsync("t1", "op", "password-one", Roles.Operator, ct);
        await _users.CreateUserAsync("t2", "op", "password-two", Roles.Viewer, ct);

        (await _users.CheckPasswordAsync("op", "password-one", ct)).ShouldBeNull();
        (await _users.CheckPasswordAsync("t2/op", "password-two", ct)).ShouldNotBeNull().Tenant.ShouldBe("t2");
        (await _users.CheckPasswordAsync("t1/op", "password-two", ct)).ShouldBeNull();
    }

    [Fact]
    public async Task An_api_key_is_accepted_whole_and_refused_when_altered_or_replaced()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, secret) = await _users.CreateApiKeyAsync("t1", "line-7", Roles.Operator, ct);

        (await _users.CheckApiKeyAsync(secret, ct)).ShouldNotBeNull().Name.ShouldBe("line-7");
        (await _users.CheckApiKeyAsync(secret[..^1] + (secret[^1] == '0' ? '1' : '0'), ct)).ShouldBeNull();
        (await _users.CheckApiKeyAsync("nsk_x_y", ct)).ShouldBeNull();
        (await _users.CheckApiKeyAsync("not a key", ct)).ShouldBeNull();

        var (_, replacement) = await _users.ReplaceApiKeyAsync("t1", "line-7", Roles.Operator, ct);
        (await _users.CheckApiKeyAsync(secret, ct)).ShouldBeNull();
        (await _users.CheckApiKeyAsync(replacement, ct)).ShouldNotBeNull();
    }

    [Fact]
    public void A_token_carries_its_identity_and_a_forged_one_is_refused()
    {
        var tokens = new TokenService(new EphemeralDataProtectionProvider());
        var token = tokens.Issue(new AuthenticatedIdentity("t1", "ada", Roles.Admin, "user"));

        tokens.Check(token).ShouldBe(new AuthenticatedIdentity("t1", "ada", Roles.Admin, "user"));
        tokens.Check(token[..^2] + "xx").ShouldBeNull();
        tokens.Check("nst_garbage").ShouldBeNull();
        new TokenService(new EphemeralDataProtectionProvider()).Check(token).ShouldBeNull();
    }

    [Fact]
    public void Roles_include_the_rights_of_the_roles_below_them()
    {
        Roles.AtLeast(Roles.Operator).ShouldBe([Roles.Operator, Roles.Engineer, Roles.Admin]);
        Roles.AtLeast(Roles.Viewer).Length.ShouldBe(4);
        Roles.IsValid("root").ShouldBeFalse();
    }
}
