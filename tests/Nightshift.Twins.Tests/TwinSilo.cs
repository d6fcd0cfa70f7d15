using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nightshift.Twins.Equipment;
using Orleans.Serialization;

namespace Nightshift.Twins.Tests;

/// <summary>
/// A real Orleans silo hosted in this process as production hosts it: localhost clustering on free ports, twin
/// state in a SQLite file, and a recording <see cref="ITwinListener"/> in DI. Dispose stops it gracefully.
/// </summary>
public sealed class TwinSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private TwinSilo(IHost host, RecordingTwinListener listener, ScriptedTagWriter writer, RecordingLoggerProvider logs)
    {
        _host = host;
        Listener = listener;
        Writer = writer;
        Logs = logs;
    }

    public RecordingTwinListener Listener { get; }

    /// <summary>The host's tag writer, scripted per tenant by the tests.</summary>
    public ScriptedTagWriter Writer { get; }

    /// <summary>The warnings and errors the silo logged.</summary>
    public RecordingLoggerProvider Logs { get; }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public Serializer Serializer => _host.Services.GetRequiredService<Serializer>();

    /// <summary>Starts a silo whose twins are stored in <paramref name="databaseFile"/>.</summary>
    public static async Task<TwinSilo> StartAsync(string databaseFile, CancellationToken cancellationToken)
    {
        var listener = new RecordingTwinListener();
        var writer = new ScriptedTagWriter();
        var logs = new RecordingLoggerProvider();
        var (siloPort, gatewayPort) = FreePorts();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Services.AddSingleton<ITwinListener>(listener);
        builder.Services.AddSingleton<ITagWriter>(writer);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort, gatewayPort, serviceId: "nightshift-twins-tests", clusterId: "test-" + Guid.NewGuid().ToString("N"))
            .AddSqliteTwinStorage(databaseFile));
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new TwinSilo(host, listener, writer, logs);
    }

    /// <summary>Stops the silo gracefully: every grain is deactivated (and so persists its state) before this completes.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _host.Dispose();
    }

    private static (int Silo, int Gateway) FreePorts()
    {
        using var first = new TcpListener(IPAddress.Loopback, 0);
        using var second = new TcpListener(IPAddress.Loopback, 0);
        first.Start();
        second.Start();
        var ports = (((IPEndPoint)first.LocalEndpoint).Port, ((IPEndPoint)second.LocalEndpoint).Port);
        first.Stop();
        second.Stop();
        return ports;
    }
}
