namespace Nightshift.Historian;

/// <summary>
/// Settings of <see cref="DuckDbHistorian"/>. The database is the file <c>history.duckdb</c> in <see cref="DataFolder"/>.
/// Immutable once built; validated by <see cref="DuckDbHistorian.OpenAsync"/>.
/// </summary>
public sealed record DuckDbHistorianOptions
{
    /// <summary>The name of the database file inside <see cref="DataFolder"/>.</summary>
    public const string FileName = "history.duckdb";

    /// <summary>The folder that holds the database file; created when missing.</summary>
    public required string DataFolder { get; init; }

    /// <summary>The number of samples the writer merges into one write before it writes (default 10,000).</summary>
    public int BatchSize { get; init; } = 10_000;

    /// <summary>The longest a queued sample waits for more before it is written (default 1 s).</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many batches may wait in the queue before <see cref="IHistorian.WriteAsync"/> waits (default 1,024).</summary>
    public int ChannelCapacity { get; init; } = 1_024;

    /// <summary>How many idle reader connections are kept for reuse (default 4).</summary>
    public int ReaderPoolSize { get; init; } = 4;

    /// <summary>
    /// How long after a write the rollups of the minutes it touched are recomputed at the latest (default 1 s); rollup-backed
    /// reads may trail raw reads by this much, except right after <see cref="IHistorian.FlushAsync"/>, which waits for them.
    /// </summary>
    public TimeSpan RollupDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath => Path.Combine(DataFolder, FileName);

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(DataFolder);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ChannelCapacity);
        ArgumentOutOfRangeException.ThrowIfNegative(ReaderPoolSize);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(FlushInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(RollupDelay, TimeSpan.Zero);
    }
}
