namespace Nightshift.Core.Assets;

/// <summary>A measured tag of an asset type: its name, unit (UCUM-like symbol, e.g. "kW"), data type and range.</summary>
public sealed record TagDefinition(string Name, TagDataType DataType, string? Unit = null, double? Min = null, double? Max = null, string? Description = null)
{
    /// <summary>Key tags are shown on the equipment's tile in the overview.</summary>
    public bool Key { get; init; }

    /// <summary>Changes smaller than this are not worth showing or storing (0: every change counts).</summary>
    public double Deadband { get; init; }
}
