namespace Nightshift.Server.Connectors;

/// <summary>A connector of a tenant: its document (defaults filled) and its status. Immutable.</summary>
public sealed record ConnectorView(ConnectorDocument Document, ConnectorStatus Status);
