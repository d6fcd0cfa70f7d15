namespace Nightshift.Server.Connectors;

/// <summary>The items of one OPC UA subscription, sampled and published every <paramref name="Interval"/>.</summary>
public sealed record OpcUaItemGroup(string Name, TimeSpan Interval, IReadOnlyList<OpcUaItem> Items);
