using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Nightshift.Benchmarks.Peers;

/// <summary>
/// PostgreSQL 15 (Debian's <c>postgresql-15</c>) as a private cluster: <c>initdb</c> into the benchmark's folder and
/// <c>postgres</c> on a free 127.0.0.1 port (as user <c>postgres</c> when run as root), default durability settings.
/// Ingest is binary COPY (Npgsql) into <c>samples(series int, ts timestamptz, value double precision)</c> with an
/// index on <c>(series, ts)</c>, one COPY per connection, a connection per core. Queries: min/max per time bucket of
/// one series; hourly min/max/avg/count of the aggregate tags.
/// </summary>
public sealed class PostgresTarget : IBenchTarget
{
    private const string BinFolder = "/usr/lib/postgresql/15/bin";

    /// <inheritdoc />
    public string Name => "PostgreSQL 15";

    /// <inheritdoc />
    public string Key => "pg";

    /// <inheritdoc />
    public async Task<SystemResult> RunAsync(PlantDataSet data, QueryPlan plan, BenchOptions options, string folder, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(Path.Combine(BinFolder, "postgres")))
        {
            return SystemResult.NotAvailable(Name, Key, $"{BinFolder}/postgres is not installed (apt-get install postgresql-15)");
        }

        var cluster = Path.Combine(folder, "pgdata");
        Directory.CreateDirectory(cluster);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunToEndAsync("chown", ["-R", "postgres:postgres", folder], ct).ConfigureAwait(false);
        }

        await RunToEndAsync(Command(asRoot, "initdb"), Arguments(asRoot, "initdb", ["-D", cluster, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]), ct).ConfigureAwait(false);
        var port = PeerProcess.FreePort();
        var server = PeerProcess.Start(
            Command(asRoot, "postgres"),
            Arguments(asRoot, "postgres", ["-D", cluster, "-c", "listen_addresses=127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-c", $"unix_socket_directories={cluster}"]),
            folder,
            Path.Combine(folder, "server.log"));
        await using (server.ConfigureAwait(false))
        {
            var connectionString = new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1",
                Port = port,
                Username = "postgres",
                Database = "postgres",
                Timezone = "UTC",
                CommandTimeout = 600,
            }.ToString();
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await Poll.UntilAsync(t => CanConnectAsync(dataSource, t), TimeSpan.FromSeconds(30), "PostgreSQL start-up", ct).ConfigureAwait(false);
            await ExecuteAsync(dataSource, "CREATE TABLE samples (series integer NOT NULL, ts timestamptz NOT NULL, value double precision NOT NULL); CREATE INDEX samples_series_ts ON samples (series, ts);", ct).ConfigureAwait(false);

            var started = Stopwatch.GetTimestamp();
            var workers = Enumerable.Range(0, HttpIngest.Parallelism)
                .Select(w => Task.Run(() => CopyTags(dataSource, data, w, HttpIngest.Parallelism, ct), ct))
                .ToArray();
            await Task.WhenAll(workers).ConfigureAwait(false);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var bytes = DiskUsage.Of(cluster);
            var relation = Convert.ToInt64(await ScalarAsync(dataSource, "SELECT pg_total_relation_size('samples')", ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
            var version = Convert.ToString(await ScalarAsync(dataSource, "SHOW server_version", ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
            await ExecuteAsync(dataSource, "ANALYZE samples", ct).ConfigureAwait(false);

            var bucket = plan.TrendBucket.TotalSeconds;
            const string TrendSql = "SELECT floor(extract(epoch FROM ts) / $4) AS b, min(value), max(value) FROM samples WHERE series = $1 AND ts >= $2 AND ts < $3 GROUP BY b ORDER BY b";
            const string AggregateSql = "SELECT series, date_trunc('hour', ts) AS h, min(value), max(value), avg(value), count(*) FROM samples WHERE series < $1 AND ts >= $2 AND ts < $3 GROUP BY series, h";
            object[] trendArgs = [0, plan.TrendFromUtc, plan.TrendToUtc, bucket];
            object[] aggregateArgs = [plan.AggregateTags, plan.AggregateFromUtc, plan.AggregateToUtc];
            var trendCount = await CountRowsAsync(dataSource, TrendSql, trendArgs, ct).ConfigureAwait(false);
            var trend = await LatencySampler.MeasureAsync(t => CountRowsAsync(dataSource, TrendSql, trendArgs, t), 3, options.TrendRuns, ct).ConfigureAwait(false);
            var aggregateCount = await CountRowsAsync(dataSource, AggregateSql, aggregateArgs, ct).ConfigureAwait(false);
            var aggregate = await LatencySampler.MeasureAsync(t => CountRowsAsync(dataSource, AggregateSql, aggregateArgs, t), 1, options.AggregateRuns, ct).ConfigureAwait(false);

            return new SystemResult(Name, Key)
            {
                IngestPointsPerSecond = data.TotalPoints / seconds,
                BytesPerPoint = (double)bytes / data.TotalPoints,
                TrendP50Ms = LatencySampler.Percentile(trend, 50),
                TrendP99Ms = LatencySampler.Percentile(trend, 99),
                AggregateP50Ms = LatencySampler.Percentile(aggregate, 50),
                Notes =
                [
                    $"PostgreSQL {version}; {HttpIngest.Parallelism} concurrent binary COPYs into the indexed table (client-side row encoding included in the time); size is the whole cluster directory (catalogs and pg_wal included); the table and its index alone: {(double)relation / data.TotalPoints:0.0} bytes/point; ANALYZE before the queries; trend returned {trendCount} rows (min and max per {bucket:0} s), aggregate {aggregateCount} rows",
                ],
            };
        }
    }

    private static string Command(bool asRoot, string program) => asRoot ? "/usr/bin/setpriv" : Path.Combine(BinFolder, program);

    private static List<string> Arguments(bool asRoot, string program, IEnumerable<string> arguments)
    {
        var result = asRoot ? new List<string> { "--reuid=postgres", "--regid=postgres", "--init-groups", "--", Path.Combine(BinFolder, program) } : [];
        result.AddRange(arguments);
        return result;
    }

    private static void CopyTags(NpgsqlDataSource dataSource, PlantDataSet data, int worker, int workers, CancellationToken ct)
    {
        using var connection = dataSource.OpenConnection();
        using var importer = connection.BeginBinaryImport("COPY samples (series, ts, value) FROM STDIN (FORMAT BINARY)");
        for (var tag = worker; tag < data.Tags; tag += workers)
        {
            ct.ThrowIfCancellationRequested();
            var values = data.Values[tag];
            for (var i = 0; i < values.Length; i++)
            {
                importer.StartRow();
                importer.Write(tag, NpgsqlDbType.Integer);
                importer.Write(data.StartUtc.AddSeconds(i), NpgsqlDbType.TimestampTz);
                importer.Write(values[i], NpgsqlDbType.Double);
            }
        }

        importer.Complete();
    }

    private static async Task<bool> CanConnectAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(NpgsqlDataSource dataSource, string sql, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
    }

    private static async Task<int> CountRowsAsync(NpgsqlDataSource dataSource, string sql, object[] arguments, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var argument in arguments)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = argument });
        }

        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var count = 0;
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            count++;
        }

        return count;
    }

    private static async Task RunToEndAsync(string program, IEnumerable<string> arguments, CancellationToken ct)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed ({process.ExitCode}): {(await error.ConfigureAwait(false)).Trim()} {(await output.ConfigureAwait(false)).Trim()}");
        }
    }
}
