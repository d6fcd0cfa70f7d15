namespace Nightshift.Server.Connectors;

/// <summary>
/// The security of an OPC UA connector's channel: <c>mode</c> <c>None</c>, <c>Sign</c> or <c>SignAndEncrypt</c>, and
/// <c>policy</c> <c>None</c> or <c>Basic256Sha256</c> (defaults: None, and Basic256Sha256 when the mode is not None).
/// </summary>
public sealed record ConnectorSecurityDocument
{
    public string? Mode { get; init; }

    public string? Policy { get; init; }
}
