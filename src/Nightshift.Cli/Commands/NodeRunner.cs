using Nightshift.Server;

namespace Nightshift.Cli.Commands;

/// <summary>Starts a node, prints where it is and how to sign in, and runs it until Ctrl+C (history flushed on the way out).</summary>
public static class NodeRunner
{
    public const string AdminPasswordVariable = "NIGHTSHIFT_ADMIN_PASSWORD";

    public static async Task<int> RunAsync(NightshiftOptions options, Action<WebApplicationBuilder>? configure, string? extraBanner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var adminPassword = Environment.GetEnvironmentVariable(AdminPasswordVariable);
        if (adminPassword is { Length: > 0 and < Server.Identity.UserDirectory.MinPasswordLength })
        {
            await Console.Error.WriteLineAsync($"nightshift: {AdminPasswordVariable} must be at least {Server.Identity.UserDirectory.MinPasswordLength} characters long");
            return 2;
        }

        await using var app = NightshiftApp.Build(options with { AdminPassword = adminPassword }, configure);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C while starting: stop what has started, in order, so that nothing is left half open.
            await app.StopAsync(CancellationToken.None);
            return 130;
        }
        catch (Exception ex) when (ex is Nightshift.Core.Plant.PlantFileException or IOException)
        {
            await Console.Error.WriteLineAsync("nightshift: " + ex.Message);
            return 2;
        }
        catch (System.Net.Sockets.SocketException ex) when (ex.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse)
        {
            await Console.Error.WriteLineAsync($"nightshift: the MQTT port {options.MqttBindAddress}:{options.MqttPort} is already in use; choose another with --mqtt-port");
            return 2;
        }

        var startup = app.Services.GetRequiredService<PlatformStartup>();
        var url = options.Urls.Split(';')[0];
        var login = startup.GeneratedAdminPassword is { } generated
            ? $"admin / {generated}   (generated now and shown only once; set {AdminPasswordVariable} to choose it)"
            : startup.CreatedAdmin
                ? $"admin / the password in {AdminPasswordVariable}"
                : "admin / the password set when this data folder was first used";
        Console.WriteLine();
        Console.WriteLine($"  Nightshift is ready: {url}");
        Console.WriteLine($"  Sign in:             {login}");
        Console.WriteLine($"  MQTT broker:         mqtt://{options.MqttBindAddress}:{options.MqttPort} (password = an API key)");
        if (extraBanner is not null)
        {
            Console.WriteLine($"  {extraBanner}");
        }

        Console.WriteLine("  Press Ctrl+C to stop.");
        Console.WriteLine();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: stop gracefully below.
        }

        Console.WriteLine("Stopping: flushing history...");
        await app.StopAsync(CancellationToken.None);
        Console.WriteLine("Stopped.");
        return 0;
    }

    public static string DefaultPlantFile => Path.Combine(AppContext.BaseDirectory, "plants", "virtual-plant.yaml");
}
