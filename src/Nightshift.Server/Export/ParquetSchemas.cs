using Parquet;
using Parquet.Schema;

namespace Nightshift.Server.Export;

/// <summary>The Parquet columns of history exports and the writer options. Stateless, thread-safe.</summary>
public static class ParquetSchemas
{
    /// <summary><c>time</c>: a timestamp adjusted to UTC, in microseconds.</summary>
    public static DataField Time { get; } = new DateTimeDataField("time", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: false);

    /// <summary><c>tag</c>: the tag path, dictionary encoded.</summary>
    public static DataField Tag { get; } = new DataField<string>("tag", nullable: false);

    /// <summary><c>value</c>: a numeric value as a double (longs above 2^53 lose precision, bools are 0 or 1); null otherwise.</summary>
    public static DataField Value { get; } = new DataField<double?>("value");

    /// <summary><c>text</c>: a string value; null for the others.</summary>
    public static DataField Text { get; } = new DataField<string>("text", nullable: true);

    /// <summary><c>quality</c>: the OPC UA status code.</summary>
    public static DataField Quality { get; } = new DataField<uint>("quality");

    /// <summary>The long layout: time, tag, value, text, quality.</summary>
    public static ParquetSchema LongLayout { get; } = new(Time, Tag, Value, Text, Quality);

    /// <summary>The wide layout: time and a nullable double column per tag, named by its path.</summary>
    public static ParquetSchema WideLayout(IReadOnlyList<ExportTag> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return new ParquetSchema([Time, .. tags.Select(t => new DataField<double?>(t.Name))]);
    }

    /// <summary>Snappy compression; the tag column dictionary encoded.</summary>
    public static ParquetOptions Options() => new() { CompressionMethod = CompressionMethod.Snappy, ColumnEncodingHints = { [Tag.Name] = EncodingHint.Dictionary } };
}
