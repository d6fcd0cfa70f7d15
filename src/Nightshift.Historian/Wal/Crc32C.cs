using System.Buffers.Binary;
using System.Numerics;

namespace Nightshift.Historian.Wal;

/// <summary>
/// CRC-32C (Castagnoli), the checksum of write-ahead log records: <see cref="BitOperations.Crc32C(uint, ulong)"/> over
/// 8 bytes at a time (SSE 4.2 / ARMv8 CRC instructions where the CPU has them). Pure and thread-safe.
/// </summary>
internal static class Crc32C
{
    /// <summary>The CRC-32C of <paramref name="data"/> (initial value and final xor 0xFFFFFFFF, as in iSCSI and ext4).</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFF_FFFFu;
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return ~crc;
    }
}
