namespace Nightshift.Server.Components.Display;

/// <summary>A tick of a chart axis: its position in SVG user units (pixels) along the axis and its label. Immutable.</summary>
public readonly record struct AxisTick(double Position, string Label);
