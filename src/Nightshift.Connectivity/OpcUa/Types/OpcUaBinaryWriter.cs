using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Nightshift.Connectivity.OpcUa.Types;

/// <summary>
/// Writes the OPC UA binary encoding (Part 6, 5.2) into a growing buffer rented from <see cref="ArrayPool{T}.Shared"/>
/// (returned on <see cref="Dispose"/>). Not thread-safe: one writer per message.
/// </summary>
public sealed class OpcUaBinaryWriter : IDisposable
{
    private static readonly long DateTimeOffsetTicks = new DateTime(1601, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private byte[] _buffer;
    private int _length;

    public OpcUaBinaryWriter(int initialCapacity = 256) => _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 16));

    /// <summary>The number of bytes written.</summary>
    public int Length => _length;

    /// <summary>The bytes written so far (valid until the next write or <see cref="Dispose"/>).</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>The bytes written so far as memory (valid until the next write or <see cref="Dispose"/>).</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);

    /// <summary>Forgets what was written; keeps the buffer.</summary>
    public void Reset() => _length = 0;

    public byte[] ToArray() => WrittenSpan.ToArray();

    public void WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteSByte(sbyte value) => WriteByte((byte)value);

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    public void WriteInt16(short value) => BinaryPrimitives.WriteInt16LittleEndian(Advance(2), value);

    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Advance(2), value);

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Advance(4), value);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Advance(4), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Advance(8), value);

    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Advance(8), value);

    public void WriteFloat(float value) => BinaryPrimitives.WriteSingleLittleEndian(Advance(4), value);

    public void WriteDouble(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Advance(8), value);

    /// <summary>Writes bytes as they are (no length prefix).</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Advance(bytes.Length));

    /// <summary>A UTF-8 string with its length; null as length -1.</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteInt32(-1);
            return;
        }

        var count = Encoding.UTF8.GetByteCount(value);
        WriteInt32(count);
        Encoding.UTF8.GetBytes(value, Advance(count));
    }

    /// <summary>A DateTime as 100 ns ticks since 1601-01-01 UTC; <see cref="DateTime.MinValue"/> and earlier dates as 0, <see cref="DateTime.MaxValue"/> as <see cref="long.MaxValue"/>.</summary>
    public void WriteDateTime(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        var ticks = utc.Ticks - DateTimeOffsetTicks;
        WriteInt64(utc == DateTime.MaxValue ? long.MaxValue : Math.Max(0, ticks));
    }

    public void WriteGuid(Guid value)
    {
        if (!value.TryWriteBytes(Advance(16)))
        {
            throw new InvalidOperationException("A GUID did not fit in 16 bytes.");
        }
    }

    /// <summary>A byte string with its length.</summary>
    public void WriteByteString(ReadOnlySpan<byte> value)
    {
        WriteInt32(value.Length);
        WriteRaw(value);
    }

    /// <summary>A byte string with its length; null as length -1.</summary>
    public void WriteByteString(byte[]? value)
    {
        if (value is null)
        {
            WriteInt32(-1);
            return;
        }

        WriteByteString(value.AsSpan());
    }

    public void WriteStatusCode(StatusCode value) => WriteUInt32(value.Code);

    public void WriteNodeId(NodeId value) => WriteNodeId(value, 0);

    public void WriteExpandedNodeId(ExpandedNodeId value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var flags = (byte)((value.NamespaceUri is null ? 0 : 0x80) | (value.ServerIndex == 0 ? 0 : 0x40));
        WriteNodeId(value.NodeId, flags);
        if (value.NamespaceUri is not null)
        {
            WriteString(value.NamespaceUri);
        }

        if (value.ServerIndex != 0)
        {
            WriteUInt32(value.ServerIndex);
        }
    }

    public void WriteQualifiedName(QualifiedName value)
    {
        ArgumentNullException.ThrowIfNull(value);
        WriteUInt16(value.NamespaceIndex);
        WriteString(value.Name);
    }

    public void WriteLocalizedText(LocalizedText value)
    {
        ArgumentNullException.ThrowIfNull(value);
        WriteByte((byte)((value.Locale is null ? 0 : 0x01) | (value.Text is null ? 0 : 0x02)));
        if (value.Locale is not null)
        {
            WriteString(value.Locale);
        }

        if (value.Text is not null)
        {
            WriteString(value.Text);
        }
    }

    public void WriteExtensionObject(ExtensionObject value)
    {
        ArgumentNullException.ThrowIfNull(value);
        WriteNodeId(value.TypeId);
        WriteByte((byte)value.Encoding);
        if (value.Encoding != ExtensionObjectEncoding.None)
        {
            WriteByteString(value.Body.Span);
        }
    }

    /// <summary>
    /// An extension object whose binary body is written by <paramref name="writeBody"/> in place (its length is patched
    /// in afterwards), so that known structures need no intermediate buffer.
    /// </summary>
    public void WriteExtensionObject(NodeId typeId, Action<OpcUaBinaryWriter> writeBody)
    {
        ArgumentNullException.ThrowIfNull(writeBody);
        WriteNodeId(typeId);
        WriteByte((byte)ExtensionObjectEncoding.Binary);
        var lengthAt = _length;
        WriteInt32(0);
        writeBody(this);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(lengthAt, 4), _length - lengthAt - 4);
    }

    public void WriteDataValue(DataValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var mask = (byte)((value.Value.IsNull ? 0 : 0x01) | (value.Status.Code == 0 ? 0 : 0x02)
            | (value.SourceTimestamp is null ? 0 : 0x04) | (value.ServerTimestamp is null ? 0 : 0x08)
            | (value.SourcePicoseconds == 0 ? 0 : 0x10) | (value.ServerPicoseconds == 0 ? 0 : 0x20));
        WriteByte(mask);
        if (!value.Value.IsNull)
        {
            WriteVariant(value.Value);
        }

        if (value.Status.Code != 0)
        {
            WriteStatusCode(value.Status);
        }

        if (value.SourceTimestamp is { } source)
        {
            WriteDateTime(source);
        }

        if (value.SourcePicoseconds != 0)
        {
            WriteUInt16(value.SourcePicoseconds);
        }

        if (value.ServerTimestamp is { } server)
        {
            WriteDateTime(server);
        }

        if (value.ServerPicoseconds != 0)
        {
            WriteUInt16(value.ServerPicoseconds);
        }
    }

    /// <summary>A diagnostic info; null as the empty mask.</summary>
    public void WriteDiagnosticInfo(DiagnosticInfo? value)
    {
        if (value is null)
        {
            WriteByte(0);
            return;
        }

        var mask = (byte)((value.SymbolicId is null ? 0 : 0x01) | (value.NamespaceUri is null ? 0 : 0x02)
            | (value.LocalizedText is null ? 0 : 0x04) | (value.Locale is null ? 0 : 0x08)
            | (value.AdditionalInfo is null ? 0 : 0x10) | (value.InnerStatusCode is null ? 0 : 0x20)
            | (value.InnerDiagnosticInfo is null ? 0 : 0x40));
        WriteByte(mask);
        WriteOptional(value.SymbolicId);
        WriteOptional(value.NamespaceUri);
        WriteOptional(value.Locale);
        WriteOptional(value.LocalizedText);
        if (value.AdditionalInfo is not null)
        {
            WriteString(value.AdditionalInfo);
        }

        if (value.InnerStatusCode is { } inner)
        {
            WriteStatusCode(inner);
        }

        if (value.InnerDiagnosticInfo is not null)
        {
            WriteDiagnosticInfo(value.InnerDiagnosticInfo);
        }
    }

    public void WriteVariant(Variant value)
    {
        if (value.IsNull)
        {
            WriteByte(0);
            return;
        }

        var mask = (byte)value.Type;
        if (!value.IsArray)
        {
            WriteByte(mask);
            WriteScalar(value.Type, value.Value);
            return;
        }

        var array = (Array)value.Value!;
        var dimensions = value.Dimensions.Span;
        WriteByte((byte)(mask | 0x80 | (dimensions.IsEmpty ? 0 : 0x40)));
        WriteInt32(array.Length);
        if (array is byte[] bytes)
        {
            WriteRaw(bytes);
        }
        else
        {
            foreach (var item in array)
            {
                WriteScalar(value.Type, item);
            }
        }

        if (!dimensions.IsEmpty)
        {
            WriteInt32(dimensions.Length);
            foreach (var length in dimensions)
            {
                WriteInt32(length);
            }
        }
    }

    /// <summary>An array with its length, element by element; null as length -1.</summary>
    public void WriteArray<T>(IReadOnlyList<T>? items, Action<OpcUaBinaryWriter, T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (items is null)
        {
            WriteInt32(-1);
            return;
        }

        WriteInt32(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            write(this, items[i]);
        }
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void WriteScalar(BuiltInType type, object? value)
    {
        switch (type)
        {
            case BuiltInType.Boolean: WriteBoolean((bool)value!); break;
            case BuiltInType.SByte: WriteSByte((sbyte)value!); break;
            case BuiltInType.Byte: WriteByte((byte)value!); break;
            case BuiltInType.Int16: WriteInt16((short)value!); break;
            case BuiltInType.UInt16: WriteUInt16((ushort)value!); break;
            case BuiltInType.Int32: WriteInt32((int)value!); break;
            case BuiltInType.UInt32: WriteUInt32((uint)value!); break;
            case BuiltInType.Int64: WriteInt64((long)value!); break;
            case BuiltInType.UInt64: WriteUInt64((ulong)value!); break;
            case BuiltInType.Float: WriteFloat((float)value!); break;
            case BuiltInType.Double: WriteDouble((double)value!); break;
            case BuiltInType.String or BuiltInType.XmlElement: WriteString((string?)value); break;
            case BuiltInType.DateTime: WriteDateTime((DateTime)value!); break;
            case BuiltInType.Guid: WriteGuid((Guid)value!); break;
            case BuiltInType.ByteString: WriteByteString((byte[]?)value); break;
            case BuiltInType.NodeId: WriteNodeId((NodeId)value!); break;
            case BuiltInType.ExpandedNodeId: WriteExpandedNodeId((ExpandedNodeId)value!); break;
            case BuiltInType.StatusCode: WriteStatusCode((StatusCode)value!); break;
            case BuiltInType.QualifiedName: WriteQualifiedName((QualifiedName)value!); break;
            case BuiltInType.LocalizedText: WriteLocalizedText((LocalizedText)value!); break;
            case BuiltInType.ExtensionObject: WriteExtensionObject((ExtensionObject)value!); break;
            case BuiltInType.DataValue: WriteDataValue((DataValue)value!); break;
            case BuiltInType.Variant: WriteVariant((Variant)value!); break;
            case BuiltInType.DiagnosticInfo: WriteDiagnosticInfo((DiagnosticInfo?)value); break;
            default: throw new ArgumentOutOfRangeException(nameof(type), type, "Not a built-in type.");
        }
    }

    private void WriteNodeId(NodeId value, byte flags)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (value.IdType)
        {
            case NodeIdType.Numeric when value.NamespaceIndex == 0 && value.Numeric <= byte.MaxValue:
                WriteByte(flags);
                WriteByte((byte)value.Numeric);
                break;
            case NodeIdType.Numeric when value.NamespaceIndex <= byte.MaxValue && value.Numeric <= ushort.MaxValue:
                WriteByte((byte)(0x01 | flags));
                WriteByte((byte)value.NamespaceIndex);
                WriteUInt16((ushort)value.Numeric);
                break;
            case NodeIdType.Numeric:
                WriteByte((byte)(0x02 | flags));
                WriteUInt16(value.NamespaceIndex);
                WriteUInt32(value.Numeric);
                break;
            case NodeIdType.String:
                WriteByte((byte)(0x03 | flags));
                WriteUInt16(value.NamespaceIndex);
                WriteString(value.Text);
                break;
            case NodeIdType.Guid:
                WriteByte((byte)(0x04 | flags));
                WriteUInt16(value.NamespaceIndex);
                WriteGuid(value.GuidId);
                break;
            default:
                WriteByte((byte)(0x05 | flags));
                WriteUInt16(value.NamespaceIndex);
                WriteByteString(value.Opaque.Span);
                break;
        }
    }

    private void WriteOptional(int? value)
    {
        if (value is { } v)
        {
            WriteInt32(v);
        }
    }

    private Span<byte> Advance(int count)
    {
        Ensure(count);
        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }

    private void Ensure(int count)
    {
        if (_buffer.Length - _length >= count)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + count));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = bigger;
    }
}
