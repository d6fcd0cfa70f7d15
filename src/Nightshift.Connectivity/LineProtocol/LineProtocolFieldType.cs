namespace Nightshift.Connectivity.LineProtocol;

/// <summary>The type of a line protocol field value, as its syntax states it.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The members name the line protocol's data types on purpose.")]
public enum LineProtocolFieldType
{
    /// <summary>A 64-bit float: <c>1.5</c>, <c>-2</c>, <c>1e3</c>.</summary>
    Float = 0,

    /// <summary>A signed 64-bit integer: <c>12i</c>.</summary>
    Integer,

    /// <summary>An unsigned 64-bit integer: <c>12u</c>.</summary>
    Unsigned,

    /// <summary>A boolean: <c>t</c>, <c>T</c>, <c>true</c>, <c>True</c>, <c>TRUE</c> and the same of false.</summary>
    Boolean,

    /// <summary>A double-quoted string: <c>"auto"</c>.</summary>
    String,
}
