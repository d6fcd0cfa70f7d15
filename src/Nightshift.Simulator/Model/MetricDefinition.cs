using Nightshift.Core.Assets;

namespace Nightshift.Simulator.Model;

/// <summary>
/// A metric a simulated device publishes: its Sparkplug metric name (the tag name of the device's asset type),
/// data type, unit, physical range and the number of decimals its values are rounded to (null: not rounded). Values outside
/// [<see cref="Min"/>, <see cref="Max"/>] are clamped by the model. Immutable.
/// </summary>
public sealed record MetricDefinition(string Name, TagDataType DataType, string? Unit = null, double? Min = null, double? Max = null, int? Decimals = null);
