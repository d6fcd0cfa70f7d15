namespace Nightshift.Server.Export;

/// <summary>The file format of a history export.</summary>
public enum ExportFormat
{
    /// <summary>RFC 4180 CSV, UTF-8 without a byte order mark, CRLF line ends, invariant culture.</summary>
    Csv,

    /// <summary>Apache Parquet, Snappy-compressed, written in row groups as the history is read.</summary>
    Parquet,
}
