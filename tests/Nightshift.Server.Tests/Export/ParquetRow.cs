namespace Nightshift.Server.Tests.Export;

/// <summary>One row of a long-layout Parquet export as read back.</summary>
public sealed record ParquetRow(DateTime Time, string Tag, double? Value, string? Text, uint Quality);
