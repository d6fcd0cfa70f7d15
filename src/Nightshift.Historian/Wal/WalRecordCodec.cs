using System.Buffers;
using System.Buffers.Binary;
using Nightshift.Core.Assets;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;

namespace Nightshift.Historian.Wal;

/// <summary>
/// The record format of the write-ahead log. Pure and thread-safe.
/// </summary>
/// <remarks>
/// A record is <c>[payload length: u32 LE][CRC-32C of the payload: u32 LE][payload]</c>. The payload's first byte is its
/// type:
/// <list type="bullet">
/// <item><c>1</c>, series definitions: <c>count</c>, then per series <c>id, tenant, tag path</c>. Written once per
/// series, before the first batch that names it, for series the history store's catalog may not hold yet.</item>
/// <item><c>2</c>, a sample batch: <c>tenant, group count</c>, then per series (samples grouped by series, in their
/// order within a series) <c>series id, sample count</c> and per sample <c>timestamp (UTC ticks, zigzag delta from the
/// previous sample of the group), kind (byte), quality code, value</c>: a double as 8 bytes, a long as a zigzag varint,
/// a bool as one byte, a string as its UTF-8 length and bytes, none as nothing.</item>
/// </list>
/// Integers are LEB128 varints and strings UTF-8 with a varint length, unless said otherwise.
/// </remarks>
internal static class WalRecordCodec
{
    public const int HeaderSize = 8;

    /// <summary>The largest payload a record may have; a larger length in a header is corruption.</summary>
    public const int MaxPayloadBytes = 512 * 1024 * 1024;

    public const byte DefinitionsType = 1;

    public const byte BatchType = 2;

    /// <summary>Encodes a batch as one record, its samples grouped by series (stable: a series keeps its order).</summary>
    public static EncodedBatch EncodeBatch(SampleBatch batch)
    {
        var samples = batch.Samples;
        var count = samples.Count;
        var encoded = new EncodedBatch(64 + (count * 12), count);
        var order = ArrayPool<ulong>.Shared.Rent(Math.Max(count, 1));
        try
        {
            for (var i = 0; i < count; i++)
            {
                order[i] = ((ulong)(uint)samples[i].Series.Value << 32) | (uint)i;
            }

            Array.Sort(order, 0, count);
            var groups = 0;
            for (var i = 0; i < count; i++)
            {
                if (i == 0 || (order[i] >> 32) != (order[i - 1] >> 32))
                {
                    encoded.Series[groups++] = (int)(order[i] >> 32);
                }
            }

            var buffer = encoded.Record;
            buffer.Advance(HeaderSize);
            buffer.WriteByte(BatchType);
            buffer.WriteString(batch.Tenant);
            buffer.WriteVarUInt((ulong)groups);
            var start = 0;
            for (var g = 0; g < groups; g++)
            {
                var end = start;
                while (end < count && (int)(order[end] >> 32) == encoded.Series[g])
                {
                    end++;
                }

                buffer.WriteVarUInt((uint)encoded.Series[g]);
                buffer.WriteVarUInt((ulong)(end - start));
                long previous = 0;
                for (var i = start; i < end; i++)
                {
                    var sample = samples[(int)(order[i] & 0xFFFF_FFFF)];
                    var ticks = UtcTicks(sample.Timestamp);
                    buffer.WriteVarInt(ticks - previous);
                    previous = ticks;
                    WriteValue(buffer, sample);
                }

                start = end;
            }

            encoded.SeriesCount = groups;
            encoded.PointCount = count;
            Seal(buffer.WrittenSpanMutable);
            return encoded;
        }
        catch
        {
            encoded.Dispose();
            throw;
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(order);
        }
    }

    /// <summary>Appends one definitions record for <paramref name="series"/> to <paramref name="into"/>.</summary>
    public static void AppendDefinitions(WalBuffer into, IReadOnlyList<SeriesInfo> series)
    {
        var start = into.Length;
        into.Advance(HeaderSize);
        into.WriteByte(DefinitionsType);
        into.WriteVarUInt((ulong)series.Count);
        foreach (var info in series)
        {
            into.WriteVarUInt((uint)info.Id.Value);
            into.WriteString(info.Tenant);
            into.WriteString(info.Path.ToString());
        }

        Seal(into.WrittenSpanMutable[start..]);
    }

    /// <summary>
    /// The length of the record at the start of <paramref name="data"/> (header included), or 0 when it is torn or
    /// corrupt: a short header, a length of 0 or past <see cref="MaxPayloadBytes"/> or past the data, or a CRC mismatch.
    /// </summary>
    public static int Validate(ReadOnlySpan<byte> data, out string? problem)
    {
        if (data.Length < HeaderSize)
        {
            problem = $"a torn record header ({data.Length} of {HeaderSize} bytes)";
            return 0;
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (length == 0 || length > MaxPayloadBytes)
        {
            problem = $"a bad record length ({length})";
            return 0;
        }

        if (length > data.Length - HeaderSize)
        {
            problem = $"a torn record ({data.Length - HeaderSize} of {length} payload bytes)";
            return 0;
        }

        var expected = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        if (Crc32C.Compute(data.Slice(HeaderSize, (int)length)) != expected)
        {
            problem = "a CRC mismatch";
            return 0;
        }

        problem = null;
        return HeaderSize + (int)length;
    }

    /// <summary>Decodes a batch payload (its type byte included).</summary>
    /// <exception cref="InvalidDataException">The payload is malformed.</exception>
    public static SampleBatch DecodeBatch(ReadOnlySpan<byte> payload)
    {
        var reader = new WalReader(payload);
        if (reader.ReadByte() != BatchType)
        {
            throw new InvalidDataException("not a batch record");
        }

        var tenant = reader.ReadString();
        var groups = reader.ReadCount(payload.Length);
        var samples = new List<Sample>();
        for (var g = 0; g < groups; g++)
        {
            var series = new SeriesId(reader.ReadCount(int.MaxValue));
            var count = reader.ReadCount(payload.Length);
            long ticks = 0;
            for (var i = 0; i < count; i++)
            {
                ticks += reader.ReadVarInt();
                if (ticks < 0 || ticks > DateTime.MaxValue.Ticks)
                {
                    throw new InvalidDataException($"a timestamp of {ticks} ticks is out of range");
                }

                var kind = (ValueKind)reader.ReadByte();
                var code = reader.ReadVarUInt();
                if (code > uint.MaxValue)
                {
                    throw new InvalidDataException($"a quality code of {code} is out of range");
                }

                var quality = new Quality((uint)code);
                var value = kind switch
                {
                    ValueKind.None => SampleValue.None,
                    ValueKind.Double => SampleValue.FromDouble(reader.ReadDouble()),
                    ValueKind.Long => SampleValue.FromLong(reader.ReadVarInt()),
                    ValueKind.Bool => SampleValue.FromBool(reader.ReadByte() != 0),
                    ValueKind.String => SampleValue.FromString(reader.ReadString()),
                    _ => throw new InvalidDataException($"unknown value kind {(byte)kind}"),
                };
                samples.Add(new Sample(series, new DateTime(ticks, DateTimeKind.Utc), value, quality));
            }
        }

        if (!reader.End)
        {
            throw new InvalidDataException("bytes after the last sample");
        }

        return new SampleBatch(tenant, samples.ToArray());
    }

    /// <summary>Decodes a definitions payload (its type byte included).</summary>
    /// <exception cref="InvalidDataException">The payload is malformed.</exception>
    public static IReadOnlyList<SeriesInfo> DecodeDefinitions(ReadOnlySpan<byte> payload)
    {
        var reader = new WalReader(payload);
        if (reader.ReadByte() != DefinitionsType)
        {
            throw new InvalidDataException("not a definitions record");
        }

        var count = reader.ReadCount(payload.Length);
        var result = new SeriesInfo[count];
        for (var i = 0; i < count; i++)
        {
            var id = reader.ReadCount(int.MaxValue);
            var tenant = reader.ReadString();
            var text = reader.ReadString();
            if (id == 0 || !TagPath.TryParse(text, out var path, out var error))
            {
                throw new InvalidDataException($"a bad series definition {id} '{text}'");
            }

            result[i] = new SeriesInfo(new SeriesId(id), tenant, path);
        }

        if (!reader.End)
        {
            throw new InvalidDataException("bytes after the last definition");
        }

        return result;
    }

    private static void WriteValue(WalBuffer buffer, in Sample sample)
    {
        var value = sample.Value;
        buffer.WriteByte((byte)value.Kind);
        buffer.WriteVarUInt(sample.Quality.Code);
        switch (value.Kind)
        {
            case ValueKind.Double:
                buffer.WriteDouble(value.AsDouble());
                break;
            case ValueKind.Long:
                buffer.WriteVarInt(value.AsLong());
                break;
            case ValueKind.Bool:
                buffer.WriteByte(value.AsBool() ? (byte)1 : (byte)0);
                break;
            case ValueKind.String:
                buffer.WriteString(value.AsString()!);
                break;
            default:
                break;
        }
    }

    /// <summary>Fills in the header of the record that <paramref name="record"/> holds (header space first).</summary>
    private static void Seal(Span<byte> record)
    {
        var payload = record[HeaderSize..];
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], Crc32C.Compute(payload));
    }

    private static long UtcTicks(DateTime time) =>
        time.Kind == DateTimeKind.Local ? time.ToUniversalTime().Ticks : time.Ticks;
}
