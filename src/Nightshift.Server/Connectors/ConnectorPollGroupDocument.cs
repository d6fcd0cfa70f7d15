namespace Nightshift.Server.Connectors;

/// <summary>Points read together at one rate, in a <see cref="ConnectorDocument"/>. Immutable.</summary>
public sealed record ConnectorPollGroupDocument
{
    /// <summary>A name for logs, unique within the connector.</summary>
    public string? Name { get; init; }

    /// <summary>The poll period in milliseconds (10 to 86,400,000).</summary>
    public int? IntervalMs { get; init; }

    /// <summary>The points of the group; at least one.</summary>
    public IReadOnlyList<ConnectorPointDocument>? Points { get; init; }
}
