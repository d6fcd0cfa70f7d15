using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Nightshift.Server.Data;
using Nightshift.Server.Identity;

namespace Nightshift.Cli.Commands;

/// <summary>
/// <c>nightshift user add</c>: the platform operator's way to create a user in any tenant (a tenant exists once it has
/// a user), working on the data folder directly, with or without the node running. Tenant admins manage their own
/// tenant's users with <c>POST /api/v1/users</c>.
/// </summary>
public static class UserCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "The data folder of the node.", DefaultValueFactory = _ => "./data" };
        var tenant = new Option<string>("--tenant") { Description = "The tenant of the user; created with its first user.", Required = true };
        var username = new Option<string>("--username") { Description = "The user name (unique in the tenant).", Required = true };
        var role = new Option<string>("--role") { Description = "viewer, operator, engineer or admin.", DefaultValueFactory = _ => Roles.Viewer };
        var add = new Command("add", "Create a user; the password is read from the first line of standard input.") { data, tenant, username, role };
        add.SetAction(async (result, ct) =>
        {
            var password = await Console.In.ReadLineAsync(ct) ?? string.Empty;

            var folder = Path.GetFullPath(result.GetValue(data)!);
            Directory.CreateDirectory(folder);
            var options = new DbContextOptionsBuilder<MetadataDbContext>().UseSqlite("Data Source=" + Path.Combine(folder, "metadata.db")).Options;
            var contexts = new Microsoft.EntityFrameworkCore.Infrastructure.PooledDbContextFactory<MetadataDbContext>(options);
            await using (var db = await contexts.CreateDbContextAsync(ct))
            {
                await db.Database.EnsureCreatedAsync(ct);
            }

            var users = new UserDirectory(contexts, TimeProvider.System);
            var tenantName = result.GetValue(tenant)!;
            var name = result.GetValue(username)!;
            try
            {
                var user = await users.CreateUserAsync(tenantName, name, password, result.GetValue(role)!, ct);
                await new AuditLog(contexts, TimeProvider.System).WriteAsync(tenantName, "cli", "user.create", $"{user.UserName} ({user.Role})", ct);
                Console.WriteLine($"Created {user.Role} '{user.UserName}' in tenant '{user.Tenant}'.");
                return 0;
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync("nightshift: " + ex.Message);
                return 2;
            }
        });
        return new Command("user", "Manage users of any tenant (platform operators).") { add };
    }
}
