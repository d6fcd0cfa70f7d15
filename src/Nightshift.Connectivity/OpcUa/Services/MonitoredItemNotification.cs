using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>A changed value of one monitored item, tagged with the client handle given at creation (Part 4, 7.25.2). Immutable and thread-safe.</summary>
public readonly record struct MonitoredItemNotification(uint ClientHandle, DataValue Value);
