namespace Nightshift.Server.Export;

/// <summary>How a history export arranges its rows: "long" and "wide" as data analysis names the two shapes of a table.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Long is the name of the layout (long versus wide tables), not of a type.")]
public enum ExportLayout
{
    /// <summary>One row per sample: time, tag, value, quality.</summary>
    Long,

    /// <summary>One row per timestamp and one value column per tag; a cell is empty where the tag has no sample at that time.</summary>
    Wide,
}
