using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Nightshift.Historian.Wal;

/// <summary>
/// Reads the log's record encoding from a span: the counterpart of <see cref="WalBuffer"/>. Every read checks the
/// bounds and throws <see cref="InvalidDataException"/> on a short or malformed input. Not thread-safe (a ref struct).
/// </summary>
internal ref struct WalReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _offset;

    public WalReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _offset = 0;
    }

    public readonly bool End => _offset == _data.Length;

    public byte ReadByte()
    {
        if (_offset >= _data.Length)
        {
            Short();
        }

        return _data[_offset++];
    }

    public double ReadDouble()
    {
        if (_data.Length - _offset < 8)
        {
            Short();
        }

        var value = BinaryPrimitives.ReadDoubleLittleEndian(_data[_offset..]);
        _offset += 8;
        return value;
    }

    public ulong ReadVarUInt()
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = ReadByte();
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("a varint is longer than 10 bytes");
    }

    public long ReadVarInt()
    {
        var raw = ReadVarUInt();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>A varint that must lie in <c>[0, max]</c>.</summary>
    public int ReadCount(int max)
    {
        var value = ReadVarUInt();
        if (value > (ulong)max)
        {
            throw new InvalidDataException($"a count of {value} exceeds {max}");
        }

        return (int)value;
    }

    public string ReadString()
    {
        var count = ReadCount(_data.Length - _offset);
        var value = Encoding.UTF8.GetString(_data.Slice(_offset, count));
        _offset += count;
        return value;
    }

    [DoesNotReturn]
    private static void Short() => throw new InvalidDataException("the record ends early");
}
