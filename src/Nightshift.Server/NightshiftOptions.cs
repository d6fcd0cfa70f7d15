namespace Nightshift.Server;

/// <summary>How a Nightshift node runs: where its data lives, where it listens, which plant files it loads.</summary>
public sealed record NightshiftOptions
{
    /// <summary>The folder of the history, the twins, the metadata and the data-protection keys. Created if missing.</summary>
    public string DataDirectory { get; init; } = "data";

    /// <summary>The HTTP URL(s) of the API and UI, separated by ';'.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";

    /// <summary>The TCP port of the embedded MQTT broker.</summary>
    public int MqttPort { get; init; } = 1883;

    /// <summary>The address the broker binds to; loopback unless devices on the network must reach it.</summary>
    public string MqttBindAddress { get; init; } = "127.0.0.1";

    /// <summary>Largest MQTT payload accepted, in bytes.</summary>
    public int MaxMqttPayloadBytes { get; init; } = 256 * 1024;

    /// <summary>The tenant of the first admin and of plant files that name none.</summary>
    public string Tenant { get; init; } = "demo";

    /// <summary>Plant files (YAML) to load at start.</summary>
    public IReadOnlyList<string> PlantFiles { get; init; } = [];

    /// <summary>The first admin's password; when null a password is generated and printed once.</summary>
    public string? AdminPassword { get; init; }

    /// <summary>The Sparkplug host id of this node (STATE topic <c>spBv1.0/STATE/{HostId}</c>).</summary>
    public string HostId { get; init; } = "nightshift";

    /// <summary>Orleans silo and gateway ports; 0 picks free ports.</summary>
    public int SiloPort { get; init; }

    public int GatewayPort { get; init; }

    /// <summary>The history engine: the embedded DuckDB file in <see cref="DataDirectory"/> (default) or PostgreSQL.</summary>
    public HistoryEngine HistoryEngine { get; init; } = HistoryEngine.DuckDb;

    /// <summary>The Npgsql connection string of the PostgreSQL history engine, e.g. <c>Host=db1;Database=nightshift;Username=nightshift</c>.</summary>
    public string? HistoryConnectionString { get; init; }

    /// <summary>The schema that holds the PostgreSQL history (default <c>nightshift_history</c>); one per node that writes history.</summary>
    public string HistorySchema { get; init; } = "nightshift_history";
}
