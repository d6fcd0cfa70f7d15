using System.Buffers.Binary;

namespace Nightshift.Connectivity.Modbus;

/// <summary>
/// The Modbus Application Protocol header that precedes every PDU on TCP: transaction id, protocol id (0 for Modbus),
/// the length of what follows the length field (unit id and PDU, in bytes) and the unit id. Immutable and thread-safe.
/// </summary>
public readonly record struct MbapHeader(ushort TransactionId, ushort ProtocolId, ushort Length, byte UnitId)
{
    /// <summary>The size of the header on the wire, in bytes.</summary>
    public const int Size = 7;

    /// <summary>The largest PDU the protocol allows, in bytes (function code and data).</summary>
    public const int MaxPduSize = 253;

    /// <summary>The largest whole frame (header and PDU), in bytes.</summary>
    public const int MaxFrameSize = Size + MaxPduSize;

    /// <summary>The size of the whole frame this header starts: the header and <see cref="Length"/> - 1 PDU bytes.</summary>
    public int FrameSize => Size - 1 + Length;

    /// <summary>Reads and validates a header.</summary>
    /// <exception cref="ModbusFormatException">Fewer than 7 bytes, a protocol id other than 0, or a length outside 2..254.</exception>
    public static MbapHeader Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size)
        {
            throw new ModbusFormatException($"An MBAP header needs {Size} bytes; {source.Length} given.");
        }

        var header = new MbapHeader(
            BinaryPrimitives.ReadUInt16BigEndian(source),
            BinaryPrimitives.ReadUInt16BigEndian(source[2..]),
            BinaryPrimitives.ReadUInt16BigEndian(source[4..]),
            source[6]);
        if (header.ProtocolId != 0)
        {
            throw new ModbusFormatException($"Protocol id {header.ProtocolId} is not Modbus (0).");
        }

        if (header.Length is < 2 or > MaxPduSize + 1)
        {
            throw new ModbusFormatException($"MBAP length {header.Length} is outside 2..{MaxPduSize + 1}.");
        }

        return header;
    }

    /// <summary>Writes the header to the first 7 bytes of <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than 7 bytes.</exception>
    public void Write(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException($"An MBAP header needs {Size} bytes.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, TransactionId);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], ProtocolId);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], Length);
        destination[6] = UnitId;
    }
}
