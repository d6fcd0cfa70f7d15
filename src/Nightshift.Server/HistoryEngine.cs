namespace Nightshift.Server;

/// <summary>Where a node keeps its history (<see cref="NightshiftOptions.HistoryEngine"/>).</summary>
public enum HistoryEngine
{
    /// <summary>The embedded DuckDB file <c>history.duckdb</c> in the data folder: one box, nothing to set up.</summary>
    DuckDb,

    /// <summary>A PostgreSQL database (TimescaleDB hypertables where the extension exists): the cluster engine.</summary>
    Postgres,
}
