namespace Nightshift.Server.Connectors;

/// <summary>
/// The outcome of reading a connector document: the document with its defaults filled and the runtime settings, or the
/// errors, each naming its field (e.g. <c>pollGroups[0].points[2].type: unknown type 'flaot32'</c>). Immutable.
/// </summary>
public sealed record ConnectorReadResult(ConnectorDocument? Document, ConnectorSettings? Settings, IReadOnlyList<string> Errors)
{
    /// <summary>True when the document is valid: <see cref="Document"/> and <see cref="Settings"/> are set.</summary>
    public bool IsValid => Errors.Count == 0 && Document is not null && Settings is not null;
}
