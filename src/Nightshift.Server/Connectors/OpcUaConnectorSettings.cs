using Nightshift.Connectivity.OpcUa.Security;

namespace Nightshift.Server.Connectors;

/// <summary>The checked OPC UA part of a connector: endpoint, security, identity and the items by subscription.</summary>
/// <param name="EndpointUrl">The server's <c>opc.tcp://</c> endpoint.</param>
/// <param name="Mode">The security mode of the channel.</param>
/// <param name="PolicyUri">The security policy URI.</param>
/// <param name="User">The user name, or null for an anonymous session.</param>
/// <param name="Password">The password of <paramref name="User"/>.</param>
/// <param name="Groups">The subscriptions: one per poll group, its interval as publishing and sampling interval.</param>
public sealed record OpcUaConnectorSettings(
    string EndpointUrl,
    MessageSecurityMode Mode,
    string PolicyUri,
    string? User,
    string? Password,
    IReadOnlyList<OpcUaItemGroup> Groups);
