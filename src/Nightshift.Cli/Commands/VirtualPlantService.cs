using Nightshift.Server;
using Nightshift.Server.Data;
using Nightshift.Server.Identity;
using Nightshift.Simulator.Runtime;

namespace Nightshift.Cli.Commands;

/// <summary>
/// Runs the virtual plant against this node's own broker, as real edge gateways would: it gets an API key of its
/// own (replaced at every start) and connects over MQTT. Registered after the broker, so it starts after it and
/// stops before it.
/// </summary>
public sealed class VirtualPlantService(
    NightshiftOptions options,
    DemoSettings settings,
    UserDirectory users,
    AuditLog audit,
    TimeProvider time,
    ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    public const string KeyName = "virtual-plant";
    private PlantSimulator? _simulator;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var (_, secret) = await users.ReplaceApiKeyAsync(options.Tenant, KeyName, Roles.Operator, cancellationToken);
        await audit.WriteAsync(options.Tenant, "system", "apikey.replace", KeyName, cancellationToken);
        _simulator = new PlantSimulator(
            new PlantSimulatorOptions
            {
                Host = options.MqttBindAddress,
                Port = options.MqttPort,
                Username = KeyName,
                Password = secret,
                Speed = settings.Speed,
                Seed = settings.Seed,
                PrimaryHostId = options.HostId,
            },
            time,
            loggers);
        await _simulator.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_simulator is { } simulator)
        {
            await simulator.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _simulator, null) is { } simulator)
        {
            await simulator.DisposeAsync();
        }
    }
}
