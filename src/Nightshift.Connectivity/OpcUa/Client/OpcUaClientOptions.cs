using Nightshift.Connectivity.OpcUa.Security;
using Nightshift.Connectivity.OpcUa.Services;
using Nightshift.Connectivity.OpcUa.Transport;
using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Client;

/// <summary>
/// How an <see cref="OpcUaClient"/> connects: security, identity, timeouts, limits, publishing and reconnection.
/// Immutable once given to the client.
/// </summary>
public sealed record OpcUaClientOptions
{
    /// <summary>The security mode to use; None by default.</summary>
    public MessageSecurityMode SecurityMode { get; init; } = MessageSecurityMode.None;

    /// <summary>The security policy URI to use; None by default.</summary>
    public string SecurityPolicyUri { get; init; } = NoSecurity.Uri;

    /// <summary>
    /// Creates the chunk security for the endpoint the server offers with <see cref="SecurityMode"/> and
    /// <see cref="SecurityPolicyUri"/> (that endpoint carries the server certificate). Required unless the mode is None;
    /// called again on every reconnection.
    /// </summary>
    public Func<EndpointDescription, IChannelSecurity>? SecurityFactory { get; init; }

    /// <summary>Who the session acts for; anonymous by default.</summary>
    public UserIdentity Identity { get; init; } = UserIdentity.Anonymous;

    public string ApplicationName { get; init; } = "Nightshift";

    public string ApplicationUri { get; init; } = "urn:nightshift:opcua:client";

    public string ProductUri { get; init; } = "urn:nightshift";

    public string SessionName { get; init; } = "Nightshift";

    /// <summary>How long one request waits for its response.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long connecting (TCP, Hello, OpenSecureChannel) may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The session timeout asked for; the server may revise it.</summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The security token lifetime asked for; the token is renewed at 75 % of the revised lifetime.</summary>
    public TimeSpan SecureChannelLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How often the client reads the server state to detect a dead connection; zero disables it.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(5);

    public OpcUaTransportLimits TransportLimits { get; init; } = new();

    public OpcUaEncodingLimits EncodingLimits { get; init; } = OpcUaEncodingLimits.Default;

    /// <summary>How many Publish requests the client keeps outstanding while it has subscriptions.</summary>
    public int PublishRequestCount { get; init; } = 3;

    /// <summary>The most monitored items per CreateMonitoredItems request (also bounded by the server's operation limit).</summary>
    public int MonitoredItemBatchSize { get; init; } = 1000;

    /// <summary>Whether the client reconnects after the connection drops.</summary>
    public bool Reconnect { get; init; } = true;

    /// <summary>The first delay before reconnecting; doubled per failed attempt, with jitter.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest delay between reconnection attempts.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Called (on a pool thread) when the connection state changes; must not block.</summary>
    public Action<OpcUaConnectionState>? StateChanged { get; init; }
}
