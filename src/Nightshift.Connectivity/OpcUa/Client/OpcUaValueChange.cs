using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Client;

/// <summary>A new value of a monitored item, as delivered to a subscription's callback. Immutable.</summary>
public readonly record struct OpcUaValueChange(OpcUaMonitoredItem Item, DataValue Value);
