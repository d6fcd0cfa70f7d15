namespace Nightshift.Historian.Postgres;

/// <summary>How a <see cref="PostgresHistorian"/> store keeps its samples table; chosen once, when the store is created.</summary>
public enum PostgresStorageLayout
{
    /// <summary>A table partitioned by range of time, one partition per calendar month (UTC), created ahead of the data.</summary>
    MonthlyPartitions,

    /// <summary>A TimescaleDB hypertable (chunks of 7 days), used when the extension could be created.</summary>
    Hypertable,
}
