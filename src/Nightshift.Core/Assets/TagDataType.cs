namespace Nightshift.Core.Assets;

/// <summary>The data type a tag carries.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The members name data types on purpose.")]
public enum TagDataType
{
    Double,
    Long,
    Bool,
    String,
}
