using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Nightshift.Historian.Wal;

/// <summary>
/// A growable byte buffer rented from <see cref="ArrayPool{T}.Shared"/>, with the little-endian and varint writes of the
/// log's record encoding. Not thread-safe; dispose returns the array to the pool.
/// </summary>
internal sealed class WalBuffer : IDisposable
{
    private byte[] _array;

    public WalBuffer(int initialCapacity)
    {
        _array = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));
    }

    /// <summary>The number of bytes written.</summary>
    public int Length { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, Length);

    public Span<byte> WrittenSpanMutable => _array.AsSpan(0, Length);

    /// <summary>Forgets what was written, keeping the array unless it grew past <paramref name="keepAtMost"/> bytes.</summary>
    public void Reset(int keepAtMost)
    {
        Length = 0;
        if (_array.Length > keepAtMost)
        {
            ArrayPool<byte>.Shared.Return(_array);
            _array = ArrayPool<byte>.Shared.Rent(keepAtMost);
        }
    }

    public Span<byte> GetSpan(int size)
    {
        Ensure(size);
        return _array.AsSpan(Length, size);
    }

    public void Advance(int count) => Length += count;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        Length += bytes.Length;
    }

    public void WriteByte(byte value)
    {
        Ensure(1);
        _array[Length++] = value;
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(GetSpan(4), value);
        Length += 4;
    }

    public void WriteDouble(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(GetSpan(8), value);
        Length += 8;
    }

    /// <summary>An unsigned LEB128 varint: 7 bits a byte, low first, at most 10 bytes.</summary>
    public void WriteVarUInt(ulong value)
    {
        var span = GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        Length += i;
    }

    /// <summary>A signed varint, zigzag-mapped so that small magnitudes of either sign take few bytes.</summary>
    public void WriteVarInt(long value) => WriteVarUInt((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>A UTF-8 string prefixed by its byte length as a varint.</summary>
    public void WriteString(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt((ulong)count);
        Length += Encoding.UTF8.GetBytes(value, GetSpan(count));
    }

    public void Dispose()
    {
        var array = _array;
        _array = [];
        Length = 0;
        if (array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    private void Ensure(int size)
    {
        if (_array.Length - Length >= size)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_array.Length * 2, Length + size));
        _array.AsSpan(0, Length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_array);
        _array = larger;
    }
}
