namespace Nightshift.Connectivity.Sparkplug;

/// <summary>
/// Where and as whom a <see cref="SparkplugEdgeNode"/> connects: the MQTT server, the credentials, the Sparkplug
/// group and edge node ids. With <see cref="PrimaryHostId"/> set the node waits for that host's STATE online before
/// it publishes births (Sparkplug 3.0). An empty <see cref="ClientId"/> means "{GroupId}-{EdgeNodeId}".
/// </summary>
public sealed record SparkplugEdgeNodeOptions(string Host, int Port, string Username, string Password, string GroupId, string EdgeNodeId)
{
    /// <summary>The host id of the primary host application to wait for, or null to publish births at once.</summary>
    public string? PrimaryHostId { get; init; }

    /// <summary>The MQTT client id; empty for "{GroupId}-{EdgeNodeId}".</summary>
    public string ClientId { get; init; } = "";
}
