using Nightshift.Server.Connectors;

namespace Nightshift.Server.Api;

/// <summary>
/// What to import from an OPC UA server: how to connect (as in a connector document), where to start browsing (a node id,
/// default the Objects folder) and how deep (default 5), the line the equipment goes under (<c>site/area/line</c>), the
/// site's time zone (default UTC) and the subscriptions' interval in milliseconds (default 1000).
/// </summary>
public sealed record OpcUaImportRequest(
    string? EndpointUrl,
    ConnectorSecurityDocument? Security,
    string? User,
    string? Password,
    string? Root,
    int? MaxDepth,
    string? Line,
    string? TimeZone,
    int? IntervalMs);
