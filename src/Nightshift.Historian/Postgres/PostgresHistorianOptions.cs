using System.Text.RegularExpressions;

namespace Nightshift.Historian.Postgres;

/// <summary>
/// Settings of <see cref="PostgresHistorian"/>. The store is a schema (<see cref="Schema"/>) of the database that
/// <see cref="ConnectionString"/> names; the schema and its tables are created when missing. Immutable once built;
/// validated by <see cref="PostgresHistorian.OpenAsync"/>.
/// </summary>
public sealed partial record PostgresHistorianOptions
{
    /// <summary>The Npgsql connection string, e.g. <c>Host=db1;Database=nightshift;Username=nightshift;Password=…</c>.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>The schema that holds the store's tables (default <c>nightshift_history</c>): lower-case letters, digits and '_', at most 63.</summary>
    public string Schema { get; init; } = "nightshift_history";

    /// <summary>
    /// Whether to make the samples table a TimescaleDB hypertable when <c>CREATE EXTENSION IF NOT EXISTS timescaledb</c>
    /// succeeds (default true); otherwise, or when it fails, the table is partitioned by month. Only consulted when the
    /// store is created: an existing store keeps its layout.
    /// </summary>
    public bool UseTimescaleDb { get; init; } = true;

    /// <summary>The number of samples the writer merges into one COPY before it writes (default 50,000).</summary>
    public int BatchSize { get; init; } = 50_000;

    /// <summary>The longest a queued sample waits for more before it is written (default 1 s).</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many batches may wait in the queue before <see cref="IHistorian.WriteAsync"/> waits (default 1,024).</summary>
    public int ChannelCapacity { get; init; } = 1_024;

    /// <summary>How many monthly partitions after the current month are kept created ahead of the data (default 1).</summary>
    public int PartitionsAhead { get; init; } = 1;

    /// <summary>
    /// How long the writer retries a write while the server is unreachable (default 60 s). Queued batches wait meanwhile
    /// (the bounded queue pushes back on writers) and are written once the server is back; when it is not back in time,
    /// the batches of that write are lost, logged and counted, and <see cref="IHistorian.FlushAsync"/> throws
    /// <see cref="IOException"/>. Until a write succeeds again, later writes are tried once and fail at once.
    /// </summary>
    public TimeSpan RetryLimit { get; init; } = TimeSpan.FromSeconds(60);

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ConnectionString);
        if (!SchemaName().IsMatch(Schema ?? string.Empty))
        {
            throw new ArgumentException($"Schema '{Schema}' must be 1 to 63 lower-case letters, digits or '_', starting with a letter or '_'.", nameof(Schema));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ChannelCapacity);
        ArgumentOutOfRangeException.ThrowIfNegative(PartitionsAhead);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(FlushInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryLimit, TimeSpan.Zero);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaName();
}
