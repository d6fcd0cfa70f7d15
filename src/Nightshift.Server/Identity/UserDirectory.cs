using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Nightshift.Server.Data;

namespace Nightshift.Server.Identity;

/// <summary>
/// Users and API keys of all tenants: creation, password and key checks. Passwords are hashed with ASP.NET Core
/// Identity's PBKDF2 hasher; API keys are random 256-bit secrets of which only the SHA-256 is stored. Thread-safe.
/// </summary>
public sealed class UserDirectory(IDbContextFactory<MetadataDbContext> contexts, TimeProvider time)
{
    public const string KeyPrefix = "nsk_";
    public const int MinPasswordLength = 8;
    public const int MaxNameLength = 64;
    private static readonly PasswordHasher<UserAccount> Hasher = new();

    /// <summary>True for a user, key or tenant name: 1 to 64 letters, digits, '.', '-' or '_'.</summary>
    public static bool IsValidName(string? name) =>
        name is { Length: > 0 and <= MaxNameLength } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

    /// <summary>
    /// Creates a user. Throws <see cref="ArgumentException"/> for an invalid tenant, name, password or role and
    /// <see cref="InvalidOperationException"/> if the name is taken in the tenant.
    /// </summary>
    public async Task<UserAccount> CreateUserAsync(string tenant, string userName, string password, string role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (!IsValidName(tenant) || !IsValidName(userName))
        {
            throw new ArgumentException($"tenant and user names must be 1 to {MaxNameLength} letters, digits, '.', '-' or '_'", nameof(userName));
        }

        if (password.Length < MinPasswordLength)
        {
            throw new ArgumentException($"a password must be at least {MinPasswordLength} characters long", nameof(password));
        }

        if (!Roles.IsValid(role))
        {
            throw new ArgumentException($"unknown role '{role}'; expected one of {string.Join(", ", Roles.All)}", nameof(role));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Users.AnyAsync(u => u.Tenant == tenant && u.UserName == userName, cancellationToken))
        {
            throw new InvalidOperationException($"user '{userName}' already exists in tenant '{tenant}'");
        }

        var user = new UserAccount { Tenant = tenant, UserName = userName, PasswordHash = string.Empty, Role = role, Created = time.GetUtcNow().UtcDateTime };
        user.PasswordHash = Hasher.HashPassword(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        return user;
    }

    public async Task<bool> UserExistsAsync(string tenant, string userName, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.AnyAsync(u => u.Tenant == tenant && u.UserName == userName, cancellationToken);
    }

    /// <summary>
    /// Checks a user name and password. The name is <c>user</c> when unique across tenants, or <c>tenant/user</c>.
    /// Returns null when the name is unknown, ambiguous or the password is wrong.
    /// </summary>
    public async Task<AuthenticatedIdentity?> CheckPasswordAsync(string userName, string password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(password))
        {
            return null;
        }

        var slash = userName.IndexOf('/', StringComparison.Ordinal);
        var tenant = slash > 0 ? userName[..slash] : null;
        var name = slash > 0 ? userName[(slash + 1)..] : userName;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var candidates = await db.Users.Where(u => u.UserName == name && (tenant == null || u.Tenant == tenant)).OrderBy(u => u.Id).Take(2).ToListAsync(cancellationToken);
        if (candidates.Count != 1)
        {
            return null;
        }

        var user = candidates[0];
        var result = Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        return result == PasswordVerificationResult.Failed ? null : new AuthenticatedIdentity(user.Tenant, user.UserName, user.Role, "user");
    }

    /// <summary>Creates an API key and returns it with its secret, which is not stored and cannot be shown again.</summary>
    public async Task<(ApiKey Key, string Secret)> CreateApiKeyAsync(string tenant, string name, string role, CancellationToken cancellationToken)
    {
        if (!Roles.IsValid(role))
        {
            throw new ArgumentException($"unknown role '{role}'", nameof(role));
        }

        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = new ApiKey { Tenant = tenant, Name = name, SecretHash = SHA256.HashData(Encoding.UTF8.GetBytes(secret)), Role = role, Created = time.GetUtcNow().UtcDateTime };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return (key, string.Create(CultureInfo.InvariantCulture, $"{KeyPrefix}{key.Id}_{secret}"));
    }

    /// <summary>Deletes the tenant's key of that name, if any, and creates a new one (used for the simulator's own key).</summary>
    public async Task<(ApiKey Key, string Secret)> ReplaceApiKeyAsync(string tenant, string name, string role, CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await db.ApiKeys.Where(k => k.Tenant == tenant && k.Name == name).ExecuteDeleteAsync(cancellationToken);
        }

        return await CreateApiKeyAsync(tenant, name, role, cancellationToken);
    }

    /// <summary>The identity of an API key (<c>nsk_{id}_{secret}</c>), or null when malformed, unknown, revoked or wrong.</summary>
    public async Task<AuthenticatedIdentity?> CheckApiKeyAsync(string key, CancellationToken cancellationToken)
    {
        if (!key.StartsWith(KeyPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = key.AsSpan(KeyPrefix.Length);
        var underscore = rest.IndexOf('_');
        if (underscore <= 0 || !int.TryParse(rest[..underscore], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(rest[(underscore + 1)..].ToString()));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        return stored is null || stored.Revoked || !CryptographicOperations.FixedTimeEquals(stored.SecretHash, hash)
            ? null
            : new AuthenticatedIdentity(stored.Tenant, stored.Name, stored.Role, "apikey");
    }

    /// <summary>The users of a tenant, by name.</summary>
    public async Task<IReadOnlyList<UserAccount>> ListUsersAsync(string tenant, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => u.Tenant == tenant).OrderBy(u => u.UserName).ToListAsync(cancellationToken);
    }

    /// <summary>The API keys of a tenant (without secrets), newest first.</summary>
    public async Task<IReadOnlyList<ApiKey>> ListApiKeysAsync(string tenant, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys.AsNoTracking().Where(k => k.Tenant == tenant).OrderByDescending(k => k.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Revokes a key of the tenant; false when the tenant has no key with that id.</summary>
    public async Task<bool> RevokeApiKeyAsync(string tenant, int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys.Where(k => k.Tenant == tenant && k.Id == id).ExecuteUpdateAsync(k => k.SetProperty(x => x.Revoked, true), cancellationToken) > 0;
    }

    public async Task<bool> ApiKeyExistsAsync(string tenant, string name, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys.AnyAsync(k => k.Tenant == tenant && k.Name == name, cancellationToken);
    }
}
