namespace Nightshift.Server.Export;

/// <summary>
/// What to export: tags resolved to series of one tenant, the half-open range <c>[FromUtc, ToUtc)</c> in UTC, the format
/// and layout, and optionally an <see cref="Interval"/>: then each row is the average of a tag's numeric samples per
/// bucket of that width (aligned to the Unix epoch, timestamped with the bucket start, quality Good) instead of a raw sample.
/// Immutable.
/// </summary>
public sealed record ExportRequest(string Tenant, IReadOnlyList<ExportTag> Tags, DateTime FromUtc, DateTime ToUtc, ExportFormat Format, ExportLayout Layout)
{
    /// <summary>The bucket width of an aggregated export; null for raw samples.</summary>
    public TimeSpan? Interval { get; init; }

    /// <summary>The file extension of the format, without the dot.</summary>
    public string Extension => Format == ExportFormat.Parquet ? "parquet" : "csv";

    /// <summary>The MIME type of the format.</summary>
    public string ContentType => Format == ExportFormat.Parquet ? "application/vnd.apache.parquet" : "text/csv; charset=utf-8";

    /// <summary>A file name that says the range, e.g. <c>nightshift-20261125T080000Z-20261125T090000Z.csv</c>.</summary>
    public string FileName =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"nightshift-{FromUtc:yyyyMMdd'T'HHmmss'Z'}-{ToUtc:yyyyMMdd'T'HHmmss'Z'}.{Extension}");
}
