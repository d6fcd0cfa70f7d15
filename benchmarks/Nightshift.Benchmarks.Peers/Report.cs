using System.Globalization;
using System.Text;

namespace Nightshift.Benchmarks.Peers;

/// <summary>
/// Renders the results as a markdown table, Nightshift's ratio to each peer, the notes, and the final machine-readable
/// <c>RESULT</c> line. Thread-safe (no state).
/// </summary>
public static class Report
{
    /// <summary>The whole report; the last line is the <c>RESULT</c> line.</summary>
    public static string Render(BenchOptions options, PlantDataSet data, QueryPlan plan, IReadOnlyList<SystemResult> results)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(results);
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"Data: {data.Tags} tags x {data.PointsPerTag:N0} points (1 Hz, {data.StartUtc:yyyy-MM-dd} to {data.EndUtc:yyyy-MM-dd HH:mm} UTC) = {data.TotalPoints:N0} points of the virtual plant (seed {options.Seed}){(options.Quick ? ", --quick" : string.Empty)}.");
        text.AppendLine(c, $"Trend: tag 0 over {(plan.TrendToUtc - plan.TrendFromUtc).TotalHours:0} h at {plan.TrendPoints} points, {options.TrendRuns} runs. Aggregate: hourly buckets of {plan.AggregateTags} tags over {(plan.AggregateToUtc - plan.AggregateFromUtc).TotalHours:0} h, {options.AggregateRuns} runs{(plan.AggregateTags < 100 || (plan.AggregateToUtc - plan.AggregateFromUtc).TotalDays < 30 ? " (scaled down from 100 tags x 30 days to the data set)" : string.Empty)}.");
        text.AppendLine();
        text.AppendLine("| system | ingest points/s | bytes/point | trend p50 ms | trend p99 ms | aggregate p50 ms |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            if (r.Unavailable is { } reason)
            {
                text.AppendLine(c, $"| {r.Name} | n/a | n/a | n/a | n/a | n/a |");
                continue;
            }

            text.AppendLine(c, $"| {r.Name} | {r.IngestPointsPerSecond:N0} | {r.BytesPerPoint:0.00} | {Ms(r.TrendP50Ms)} | {Ms(r.TrendP99Ms)} | {Ms(r.AggregateP50Ms)} |");
        }

        var ours = results.FirstOrDefault(r => r.Key == "nightshift" && r.Unavailable is null);
        if (ours is not null)
        {
            text.AppendLine();
            text.AppendLine("Nightshift / peer (ingest: higher is better; bytes and latencies: lower is better):");
            text.AppendLine();
            text.AppendLine("| peer | ingest | bytes/point | trend p50 | aggregate p50 |");
            text.AppendLine("|---|---:|---:|---:|---:|");
            foreach (var peer in results.Where(r => !r.Key.StartsWith("nightshift", StringComparison.Ordinal)))
            {
                if (peer.Unavailable is not null)
                {
                    text.AppendLine(c, $"| {peer.Name} | n/a | n/a | n/a | n/a |");
                    continue;
                }

                text.AppendLine(c, $"| {peer.Name} | {Ratio(ours.IngestPointsPerSecond, peer.IngestPointsPerSecond)} | {Ratio(ours.BytesPerPoint, peer.BytesPerPoint)} | {Ratio(ours.TrendP50Ms ?? 0, peer.TrendP50Ms ?? 0)} | {Ratio(ours.AggregateP50Ms ?? 0, peer.AggregateP50Ms ?? 0)} |");
            }
        }

        text.AppendLine();
        text.AppendLine("Notes:");
        foreach (var r in results)
        {
            if (r.Unavailable is { } reason)
            {
                text.AppendLine(c, $"- {r.Name}: n/a: {reason}");
            }

            foreach (var note in r.Notes)
            {
                text.AppendLine(c, $"- {r.Name}: {note}");
            }
        }

        text.AppendLine();
        text.Append(ResultLine(results));
        return text.ToString();
    }

    /// <summary>The machine-readable line: <c>RESULT ingest_pps=… bytes_per_point=… trend_p50_ms=… agg_p50_ms=… vm_ingest_pps=… influx_ingest_pps=… pg_ingest_pps=…</c>.</summary>
    public static string ResultLine(IReadOnlyList<SystemResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var ours = Find(results, "nightshift");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"RESULT ingest_pps={Whole(ours?.IngestPointsPerSecond)} bytes_per_point={Fraction(ours?.BytesPerPoint)} trend_p50_ms={Fraction(ours?.TrendP50Ms)} agg_p50_ms={Fraction(ours?.AggregateP50Ms)} vm_ingest_pps={Whole(Find(results, "vm")?.IngestPointsPerSecond)} influx_ingest_pps={Whole(Find(results, "influx")?.IngestPointsPerSecond)} pg_ingest_pps={Whole(Find(results, "pg")?.IngestPointsPerSecond)}");
    }

    private static SystemResult? Find(IReadOnlyList<SystemResult> results, string key) =>
        results.FirstOrDefault(r => r.Key == key && r.Unavailable is null);

    private static string Whole(double? value) => value is { } v ? Math.Round(v).ToString("0", CultureInfo.InvariantCulture) : "n/a";

    private static string Fraction(double? value) => value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "n/a";

    private static string Ms(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-";

    private static string Ratio(double ours, double peer) =>
        peer > 0 ? (ours / peer).ToString("0.00", CultureInfo.InvariantCulture) + "x" : "n/a";
}
