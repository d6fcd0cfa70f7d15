using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nightshift.Connectivity.Mqtt;
using Nightshift.Connectivity.Sparkplug;
using Nightshift.Core.Ingest;
using Nightshift.Server.Identity;

namespace Nightshift.Server.Mqtt;

/// <summary>
/// Runs the embedded MQTT broker with its Sparkplug primary host application and JSON device topic, feeding the
/// ingest pipeline. Starts after storage and twins; stops before them (publishing the host's STATE offline).
/// The broker awaits the pipeline inside MQTTnet's intercepting-publish handler, which MQTTnet 5 awaits before it
/// queues the PUBACK: a QoS 1 message is acknowledged only once its points are in the historian's write-ahead log.
/// </summary>
public sealed class MqttIngestService(
    NightshiftOptions options,
    MqttCredentialValidator validator,
    IIngestSink sink,
    ISparkplugSessionStore sessions,
    TimeProvider time,
    ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private EmbeddedBroker? _broker;

    /// <summary>The running broker; null before start.</summary>
    public EmbeddedBroker? Broker => _broker;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var brokerOptions = new EmbeddedBrokerOptions
        {
            BindAddress = IPAddress.Parse(options.MqttBindAddress),
            Port = options.MqttPort,
            MaxPayloadBytes = options.MaxMqttPayloadBytes,
            HostId = options.HostId,
        };
        _broker = new EmbeddedBroker(brokerOptions, validator, sink, sessions, time, loggers);
        await _broker.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_broker is { } broker)
        {
            await broker.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _broker, null) is { } broker)
        {
            await broker.DisposeAsync();
        }
    }
}
