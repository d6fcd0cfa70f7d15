using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nightshift.Core.Plant;
using Nightshift.Server.Data;
using Nightshift.Server.Identity;
using Nightshift.Server.Ingest;

namespace Nightshift.Server;

/// <summary>
/// Prepares the node before anything else serves: the metadata schema, the first admin, the plant files.
/// A plant file with errors stops the start with every error listed (file, line, field).
/// </summary>
public sealed partial class PlatformStartup(
    NightshiftOptions options,
    IDbContextFactory<MetadataDbContext> contexts,
    UserDirectory users,
    PlantCatalog catalog,
    AuditLog audit,
    ILogger<PlatformStartup> logger) : IHostedService
{
    /// <summary>The generated admin password when this start created the admin without a configured password.</summary>
    public string? GeneratedAdminPassword { get; private set; }

    /// <summary>True when this start created the admin user.</summary>
    public bool CreatedAdmin { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await MetadataSchema.EnsureAsync(db, cancellationToken);
        }

        if (!await users.UserExistsAsync(options.Tenant, "admin", cancellationToken))
        {
            var password = options.AdminPassword;
            if (string.IsNullOrEmpty(password))
            {
                password = GeneratedAdminPassword = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');
            }

            await users.CreateUserAsync(options.Tenant, "admin", password, Roles.Admin, cancellationToken);
            await audit.WriteAsync(options.Tenant, "system", "user.create", "admin", cancellationToken);
            CreatedAdmin = true;
            LogAdminCreated(logger, options.Tenant);
        }

        foreach (var file in options.PlantFiles)
        {
            var plant = await PlantFileLoader.LoadFileAsync(file, options.Tenant, cancellationToken);
            catalog.SetPlant(plant);
            var equipment = plant.Equipment.Count();
            LogPlantLoaded(logger, file, plant.Tenant, equipment);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Created the admin user of tenant {Tenant}")]
    private static partial void LogAdminCreated(ILogger logger, string tenant);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Loaded plant file {File}: tenant {Tenant}, {Equipment} equipment")]
    private static partial void LogPlantLoaded(ILogger logger, string file, string tenant, int equipment);
}
