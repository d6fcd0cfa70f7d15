using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Nightshift.Connectivity.OpcUa.Types;

/// <summary>
/// Reads the OPC UA binary encoding (Part 6, 5.2) from a span: little-endian numbers, length-prefixed strings and arrays,
/// and every built-in type. Lengths are checked against the remaining bytes and the <see cref="OpcUaEncodingLimits"/>
/// before anything is allocated, so a hostile length costs nothing. A ref struct: not thread-safe, one reader per message.
/// </summary>
/// <exception cref="OpcUaFormatException">Thrown by every read on truncated, malformed or over-limit input.</exception>
public ref struct OpcUaBinaryReader
{
    private static readonly long DateTimeOffsetTicks = new DateTime(1601, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly OpcUaEncodingLimits _limits;
    private int _position;
    private int _depth;

    public OpcUaBinaryReader(ReadOnlySpan<byte> buffer, OpcUaEncodingLimits? limits = null)
    {
        _buffer = buffer;
        _limits = limits ?? OpcUaEncodingLimits.Default;
        _position = 0;
        _depth = 0;
    }

    /// <summary>The number of bytes read so far.</summary>
    public readonly int Position => _position;

    /// <summary>The number of bytes not read yet.</summary>
    public readonly int Remaining => _buffer.Length - _position;

    public readonly OpcUaEncodingLimits Limits => _limits;

    public bool ReadBoolean() => ReadByte() != 0;

    public sbyte ReadSByte() => (sbyte)ReadByte();

    public byte ReadByte()
    {
        Need(1);
        return _buffer[_position++];
    }

    public short ReadInt16() => BinaryPrimitives.ReadInt16LittleEndian(Take(2));

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public float ReadFloat() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    /// <summary>A UTF-8 string (invalid sequences replaced by U+FFFD); null when the length is -1.</summary>
    public string? ReadString()
    {
        var length = ReadLength(_limits.MaxStringLength, "string");
        if (length < 0)
        {
            return null;
        }

        // Invalid UTF-8 becomes U+FFFD rather than an error: servers in the field send sloppy strings.
        return Encoding.UTF8.GetString(Take(length));
    }

    /// <summary>A DateTime (100 ns ticks since 1601-01-01 UTC); 0 and below as <see cref="DateTime.MinValue"/>, beyond 9999 as <see cref="DateTime.MaxValue"/>.</summary>
    public DateTime ReadDateTime()
    {
        var ticks = ReadInt64();
        if (ticks <= 0)
        {
            return DateTime.MinValue;
        }

        return ticks >= DateTime.MaxValue.Ticks - DateTimeOffsetTicks
            ? DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc)
            : new DateTime(ticks + DateTimeOffsetTicks, DateTimeKind.Utc);
    }

    public Guid ReadGuid() => new(Take(16));

    /// <summary>A byte string; null when the length is -1.</summary>
    public byte[]? ReadByteString()
    {
        var length = ReadLength(_limits.MaxByteStringLength, "byte string");
        return length < 0 ? null : Take(length).ToArray();
    }

    /// <summary>A byte string without copying: a slice of the buffer (empty for null).</summary>
    public ReadOnlySpan<byte> ReadByteStringSpan()
    {
        var length = ReadLength(_limits.MaxByteStringLength, "byte string");
        return length < 0 ? default : Take(length);
    }

    /// <summary>An XmlElement: UTF-8 text with a length prefix, as a string.</summary>
    public string? ReadXmlElement() => ReadString();

    public StatusCode ReadStatusCode() => new(ReadUInt32());

    public NodeId ReadNodeId() => ReadNodeId(out _);

    public ExpandedNodeId ReadExpandedNodeId()
    {
        var nodeId = ReadNodeId(out var flags);
        var uri = (flags & 0x80) != 0 ? ReadString() : null;
        var server = (flags & 0x40) != 0 ? ReadUInt32() : 0;
        return new ExpandedNodeId(nodeId, uri, server);
    }

    public QualifiedName ReadQualifiedName() => new(ReadUInt16(), ReadString());

    public LocalizedText ReadLocalizedText()
    {
        var mask = ReadByte();
        var locale = (mask & 0x01) != 0 ? ReadString() : null;
        var text = (mask & 0x02) != 0 ? ReadString() : null;
        return new LocalizedText(locale, text);
    }

    public ExtensionObject ReadExtensionObject()
    {
        var typeId = ReadNodeId();
        var encoding = ReadByte();
        if (encoding == 0)
        {
            return typeId.IsNull ? ExtensionObject.Null : new ExtensionObject(typeId, ExtensionObjectEncoding.None, default);
        }

        if (encoding > 2)
        {
            throw new OpcUaFormatException($"An extension object has the unknown encoding {encoding}.");
        }

        var length = ReadLength(_limits.MaxByteStringLength, "extension object body");
        var body = length < 0 ? [] : Take(length).ToArray();
        return new ExtensionObject(typeId, (ExtensionObjectEncoding)encoding, body);
    }

    public DataValue ReadDataValue()
    {
        Enter();
        var mask = ReadByte();
        var value = (mask & 0x01) != 0 ? ReadVariant() : Variant.Null;
        var status = (mask & 0x02) != 0 ? ReadStatusCode() : StatusCode.Good;
        DateTime? source = (mask & 0x04) != 0 ? ReadDateTime() : null;
        var sourcePicos = (mask & 0x10) != 0 ? ReadUInt16() : (ushort)0;
        DateTime? server = (mask & 0x08) != 0 ? ReadDateTime() : null;
        var serverPicos = (mask & 0x20) != 0 ? ReadUInt16() : (ushort)0;
        _depth--;
        return new DataValue(value, status)
        {
            SourceTimestamp = source,
            SourcePicoseconds = sourcePicos,
            ServerTimestamp = server,
            ServerPicoseconds = serverPicos,
        };
    }

    public DiagnosticInfo? ReadDiagnosticInfo()
    {
        Enter();
        var mask = ReadByte();
        if (mask == 0)
        {
            _depth--;
            return null;
        }

        var info = new DiagnosticInfo
        {
            SymbolicId = (mask & 0x01) != 0 ? ReadInt32() : null,
            NamespaceUri = (mask & 0x02) != 0 ? ReadInt32() : null,
            Locale = (mask & 0x08) != 0 ? ReadInt32() : null,
            LocalizedText = (mask & 0x04) != 0 ? ReadInt32() : null,
            AdditionalInfo = (mask & 0x10) != 0 ? ReadString() : null,
            InnerStatusCode = (mask & 0x20) != 0 ? ReadStatusCode() : null,
            InnerDiagnosticInfo = (mask & 0x40) != 0 ? ReadDiagnosticInfo() : null,
        };
        _depth--;
        return info;
    }

    public Variant ReadVariant()
    {
        Enter();
        var mask = ReadByte();
        var typeId = mask & 0x3F;
        if (typeId > (int)BuiltInType.DiagnosticInfo)
        {
            throw new OpcUaFormatException($"A variant has the unknown type id {typeId}.");
        }

        var type = (BuiltInType)typeId;
        Variant result;
        if ((mask & 0x80) == 0)
        {
            if ((mask & 0x40) != 0)
            {
                throw new OpcUaFormatException("A scalar variant has the array dimensions flag set.");
            }

            if (type is BuiltInType.Variant)
            {
                throw new OpcUaFormatException("A variant cannot hold a scalar variant.");
            }

            result = type == BuiltInType.Null ? Variant.Null : Variant.FromDecoded(type, ReadScalar(type), false, null);
        }
        else
        {
            var length = ReadLength(_limits.MaxArrayLength, "array");
            var array = ReadArrayOf(type, Math.Max(length, 0));
            int[]? dimensions = null;
            if ((mask & 0x40) != 0)
            {
                var count = ReadLength(_limits.MaxArrayLength, "array dimensions");
                if (count < 1)
                {
                    throw new OpcUaFormatException("A matrix variant has no dimensions.");
                }

                dimensions = new int[count];
                long product = 1;
                for (var i = 0; i < count; i++)
                {
                    dimensions[i] = ReadInt32();
                    if (dimensions[i] < 0)
                    {
                        throw new OpcUaFormatException("A matrix dimension is negative.");
                    }

                    product *= dimensions[i];
                    if (product > _limits.MaxArrayLength)
                    {
                        throw new OpcUaFormatException("A matrix has more elements than the limit.");
                    }
                }

                if (product != array.Length)
                {
                    throw new OpcUaFormatException($"Matrix dimensions multiplying to {product} do not fit an array of {array.Length}.");
                }
            }

            result = type == BuiltInType.Null ? Variant.Null : Variant.FromDecoded(type, array, true, dimensions);
        }

        _depth--;
        return result;
    }

    /// <summary>An array read element by element; null when the length is -1.</summary>
    public T[]? ReadArray<T>(OpcUaReadFunc<T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var length = ReadLength(_limits.MaxArrayLength, "array");
        if (length < 0)
        {
            return null;
        }

        var items = new T[length];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = read(ref this);
        }

        return items;
    }

    /// <summary>Skips <paramref name="count"/> bytes.</summary>
    public void Skip(int count) => Take(count);

    private object? ReadScalar(BuiltInType type) => type switch
    {
        BuiltInType.Boolean => ReadBoolean(),
        BuiltInType.SByte => ReadSByte(),
        BuiltInType.Byte => ReadByte(),
        BuiltInType.Int16 => ReadInt16(),
        BuiltInType.UInt16 => ReadUInt16(),
        BuiltInType.Int32 => ReadInt32(),
        BuiltInType.UInt32 => ReadUInt32(),
        BuiltInType.Int64 => ReadInt64(),
        BuiltInType.UInt64 => ReadUInt64(),
        BuiltInType.Float => ReadFloat(),
        BuiltInType.Double => ReadDouble(),
        BuiltInType.String => ReadString(),
        BuiltInType.DateTime => ReadDateTime(),
        BuiltInType.Guid => ReadGuid(),
        BuiltInType.ByteString => ReadByteString(),
        BuiltInType.XmlElement => ReadXmlElement(),
        BuiltInType.NodeId => ReadNodeId(),
        BuiltInType.ExpandedNodeId => ReadExpandedNodeId(),
        BuiltInType.StatusCode => ReadStatusCode(),
        BuiltInType.QualifiedName => ReadQualifiedName(),
        BuiltInType.LocalizedText => ReadLocalizedText(),
        BuiltInType.ExtensionObject => ReadExtensionObject(),
        BuiltInType.DataValue => ReadDataValue(),
        BuiltInType.Variant => ReadVariant(),
        BuiltInType.DiagnosticInfo => ReadDiagnosticInfo() ?? new DiagnosticInfo(),
        _ => null,
    };

    private Array ReadArrayOf(BuiltInType type, int length)
    {
        switch (type)
        {
            case BuiltInType.Null:
                return System.Array.Empty<object>();
            case BuiltInType.Boolean:
                var bools = new bool[length];
                for (var i = 0; i < length; i++)
                {
                    bools[i] = ReadBoolean();
                }

                return bools;
            case BuiltInType.Byte:
                return Take(length).ToArray();
            case BuiltInType.Int32:
                return ReadPrimitives<int>(length, 4, static s => BinaryPrimitives.ReadInt32LittleEndian(s));
            case BuiltInType.Double:
                return ReadPrimitives<double>(length, 8, static s => BinaryPrimitives.ReadDoubleLittleEndian(s));
            case BuiltInType.Float:
                return ReadPrimitives<float>(length, 4, static s => BinaryPrimitives.ReadSingleLittleEndian(s));
            default:
                var array = System.Array.CreateInstance(Variant.ClrType(type), length);
                for (var i = 0; i < length; i++)
                {
                    array.SetValue(ReadScalar(type), i);
                }

                return array;
        }
    }

    private T[] ReadPrimitives<T>(int length, int size, PrimitiveReader<T> read)
    {
        var bytes = Take(checked(length * size));
        var items = new T[length];
        for (var i = 0; i < length; i++)
        {
            items[i] = read(bytes.Slice(i * size, size));
        }

        return items;
    }

    private delegate T PrimitiveReader<out T>(ReadOnlySpan<byte> source);

    private NodeId ReadNodeId(out byte flags)
    {
        var encoding = ReadByte();
        flags = (byte)(encoding & 0xC0);
        switch (encoding & 0x3F)
        {
            case 0x00:
                return NodeId.FromNumeric(0, ReadByte());
            case 0x01:
                var ns = ReadByte();
                return NodeId.FromNumeric(ns, ReadUInt16());
            case 0x02:
                var ns2 = ReadUInt16();
                return NodeId.FromNumeric(ns2, ReadUInt32());
            case 0x03:
                var ns3 = ReadUInt16();
                return NodeId.FromString(ns3, ReadString() ?? string.Empty);
            case 0x04:
                var ns4 = ReadUInt16();
                return NodeId.FromGuid(ns4, ReadGuid());
            case 0x05:
                var ns5 = ReadUInt16();
                return NodeId.FromOpaqueOwned(ns5, ReadByteString() ?? []);
            default:
                throw new OpcUaFormatException($"A node id has the unknown encoding 0x{encoding:X2}.");
        }
    }

    private int ReadLength(int limit, string what)
    {
        var length = ReadInt32();
        if (length < 0)
        {
            return -1;
        }

        if (length > limit)
        {
            ThrowLimit(what, length, limit);
        }

        // Every element takes at least one byte, so a length beyond the remaining bytes is a lie: reject it before allocating.
        if (length > Remaining)
        {
            ThrowTruncated(length);
        }

        return length;
    }

    private void Enter()
    {
        if (++_depth > _limits.MaxNestingDepth)
        {
            throw new OpcUaFormatException($"Nesting deeper than {_limits.MaxNestingDepth} levels.");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        Need(count);
        var slice = _buffer.Slice(_position, count);
        _position += count;
        return slice;
    }

    private readonly void Need(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _position))
        {
            ThrowTruncated(count);
        }
    }

    [DoesNotReturn]
    private readonly void ThrowTruncated(int count) =>
        throw new OpcUaFormatException($"The message ends early: {count} bytes needed at offset {_position}, {_buffer.Length - _position} left.");

    [DoesNotReturn]
    private static void ThrowLimit(string what, int length, int limit) =>
        throw new OpcUaFormatException($"A {what} of length {length} exceeds the limit of {limit}.");
}
