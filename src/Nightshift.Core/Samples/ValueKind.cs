namespace Nightshift.Core.Samples;

/// <summary>The kind of value a sample carries.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The members name data types on purpose.")]
public enum ValueKind : byte
{
    /// <summary>No value (a quality-only sample, e.g. a device that went offline).</summary>
    None = 0,
    Double = 1,
    Long = 2,
    Bool = 3,
    String = 4,
}
