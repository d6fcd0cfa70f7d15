namespace Nightshift.Server.Export;

/// <summary>What an export wrote: the samples read, the rows of the file (fewer in the wide layout) and the bytes. Immutable.</summary>
public sealed record ExportSummary(long Samples, long Rows, long Bytes);
