using Nightshift.Server.Connectors;

namespace Nightshift.Server.Api;

/// <summary>A connector in API responses: its name, kind, whether enabled, its document (defaults filled) and its status.</summary>
public sealed record ConnectorDto(string Name, string Kind, bool Enabled, ConnectorDocument Document, ConnectorStatusDto Status);
