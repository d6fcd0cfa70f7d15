namespace Nightshift.Core.Assets;

/// <summary>A measured tag of an asset type: its name, unit (UCUM-like symbol, e.g. "kW"), data type and range.</summary>
public sealed record TagDefinition(string Name, TagDataType DataType, string? Unit = null, double? Min = null, double? Max = null, string? Description = null)
{
    /// <summary>Key tags are shown on the equipment's tile in the overview.</summary>
    public bool Key { get; init; }

    /// <summary>Changes smaller than this are not worth showing or storing (0: every change counts).</summary>
    public double Deadband { get; init; }

    /// <summary>How the historian compresses this tag; null (or <see cref="TagCompression.None"/>): lossless.</summary>
    public TagCompression? Compression { get; init; }

    /// <summary>The retention class of this tag's history (e.g. <c>fast</c>, <c>process</c>, <c>energy</c>); null: the default class.</summary>
    public string? TagClass { get; init; }

    /// <summary>Commands may write this tag through its equipment's twin (the device's setpoint or command point).</summary>
    public bool Writable { get; init; }
}
