namespace Nightshift.Server.Connectors;

/// <summary>
/// One Modbus point in a <see cref="ConnectorDocument"/>: the tag <see cref="Name"/>, the unit id, the table
/// (<c>coil</c>, <c>discrete</c>, <c>input</c>, <c>holding</c>), the zero-based address, the data type (<c>int16</c>,
/// <c>uint16</c>, <c>int32</c>, <c>uint32</c>, <c>float32</c>, <c>float64</c>, <c>bit</c>, <c>bool</c>), the byte order
/// (<c>ABCD</c>, <c>CDAB</c>, <c>BADC</c>, <c>DCBA</c>), and the engineering value <c>raw * scale + offset</c> in
/// <see cref="EngUnit"/>. Immutable.
/// </summary>
public sealed record ConnectorPointDocument
{
    public string? Name { get; init; }

    /// <summary>The Modbus unit id (0 to 255); 1 when absent.</summary>
    public int? Unit { get; init; }

    public string? Table { get; init; }

    public int? Address { get; init; }

    public string? Type { get; init; }

    public string? ByteOrder { get; init; }

    /// <summary>For type <c>bit</c>: the bit of the register, 0 (least significant) to 15.</summary>
    public int? Bit { get; init; }

    public double? Scale { get; init; }

    public double? Offset { get; init; }

    /// <summary>The engineering unit, e.g. "kW".</summary>
    public string? EngUnit { get; init; }

    /// <summary>OPC UA: the node of the variable, e.g. <c>ns=2;s=Line1.Temperature</c>.</summary>
    public string? NodeId { get; init; }

    /// <summary>OPC UA: an absolute deadband for the data change filter (changes smaller are not reported); none when absent.</summary>
    public double? Deadband { get; init; }
}
