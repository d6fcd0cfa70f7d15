namespace Nightshift.Server.Connectors;

/// <summary>
/// The exponential backoff with jitter between connection attempts of a <see cref="ConnectorDocument"/>: the first delay
/// <see cref="MinDelayMs"/>, doubled per failed attempt up to <see cref="MaxDelayMs"/>, each between half and all of
/// that. Immutable.
/// </summary>
public sealed record ConnectorReconnectDocument
{
    public int? MinDelayMs { get; init; }

    public int? MaxDelayMs { get; init; }
}
