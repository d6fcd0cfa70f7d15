using System.Net;

namespace Nightshift.Connectivity.Mqtt;

/// <summary>
/// Options of the <see cref="EmbeddedBroker"/>: the address and TCP port to listen on (default 127.0.0.1:1883),
/// the largest PUBLISH payload accepted in bytes (default 256 KiB), and the id of the Sparkplug primary host
/// application it runs (default "nightshift").
/// </summary>
public sealed record EmbeddedBrokerOptions
{
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    public int Port { get; init; } = 1883;

    /// <summary>PUBLISH payloads larger than this many bytes are refused and counted. Default 262 144.</summary>
    public int MaxPayloadBytes { get; init; } = 256 * 1024;

    /// <summary>The Sparkplug host id: the broker publishes <c>spBv1.0/STATE/{HostId}</c>.</summary>
    public string HostId { get; init; } = "nightshift";
}
