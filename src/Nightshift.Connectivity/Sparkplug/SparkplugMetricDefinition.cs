namespace Nightshift.Connectivity.Sparkplug;

/// <summary>A metric as a birth certificate defined it: name, alias (if any), data type and unit. Immutable.</summary>
public sealed record SparkplugMetricDefinition(string Name, ulong? Alias, SparkplugDataType DataType, string? Unit);
