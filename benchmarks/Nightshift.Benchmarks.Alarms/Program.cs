using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Nightshift.Benchmarks.Alarms;
using Nightshift.Core.Ingest;
using Nightshift.Core.Series;
using Nightshift.Server.Ingest;

// The alarm benchmark (issue 5 item 10). Every run feeds the node's own pieces in the node's order: the historian's
// WriteAsync of the batch, then AlarmService.Observe (limit evaluation, life cycle, events queued for SQLite, the
// Changed notification the console and the sidebar subscribe to). See docs/benchmarks.md, "Alarms".
AlarmBenchOptions options;
try
{
    options = AlarmBenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message + Environment.NewLine + AlarmBenchOptions.Usage).ConfigureAwait(false);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
var ct = cancel.Token;
var work = Directory.CreateTempSubdirectory("nightshift-bench-alarms-").FullName;
try
{
    var registry = new SeriesRegistry();
    var plant = new BenchPlant(options.Tags, options.TagsPerEquipment, registry);
    var catalog = new PlantCatalog();
    catalog.SetPlant(plant.Model);
    var equipmentCount = plant.Equipment.Count;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Alarm benchmark: {options.Tags:N0} tags with a HI alarm each, {equipmentCount:N0} equipment x {options.TagsPerEquipment} tags; {Environment.ProcessorCount} cores; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));

    // Throughput: the same batches with and without alarms; in every batch one tag goes over its limit or back.
    // Stamped a day ahead: an evaluator ignores samples older than the instant its alarms were built, and each run builds
    // them anew after the previous runs (and the historian's first write of 100,000 series) took their minutes.
    var start = DateTime.UtcNow.AddDays(1);
    var random = new Random(42);
    var batches = new List<EquipmentBatch>(options.Sweeps * equipmentCount);
    for (var s = 0; s < options.Sweeps; s++)
    {
        for (var e = 0; e < equipmentCount; e++)
        {
            batches.Add(plant.Batch(e, start.AddSeconds(s), random, (e + s) % options.TagsPerEquipment, over: s % 2 == 0));
        }
    }

    var points = (long)batches.Count * options.TagsPerEquipment;
    var without = options.LatencyOnly ? (0, 1, 0) : await ThroughputAsync(withAlarms: false).ConfigureAwait(false);
    var with = options.LatencyOnly ? (0, 1, 0) : await ThroughputAsync(withAlarms: true).ConfigureAwait(false);
    batches.Clear();
    var latency = await LatencyAsync().ConfigureAwait(false);

    var slowdown = with.Pps / without.Pps;
    Console.WriteLine();
    Console.WriteLine("| run | points | transitions | seconds | points/s |");
    Console.WriteLine("|---|---:|---:|---:|---:|");
    if (!options.LatencyOnly)
    {
        Console.WriteLine(Row("historian only (no alarms)", points, 0, without.Seconds, without.Pps));
        Console.WriteLine(Row("historian + alarm evaluation", points, with.Transitions, with.Seconds, with.Pps));
    }

    Console.WriteLine(Row($"paced at {options.Rate:N0} points/s", latency.Points, latency.Transitions, latency.Seconds, latency.Points / latency.Seconds));
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(options.LatencyOnly ? string.Empty : $"Ingest with alarms: {slowdown:P1} of the rate without. ")}Sample arrival to the console's alarm feed (AlarmService.Changed) at {latency.Points / latency.Seconds:N0} points/s over {latency.Samples:N0} notifications: p50 {latency.P50:0.000} ms, p99 {latency.P99:0.000} ms, max {latency.Max:0.000} ms; queue left at the end: {latency.Backlog:N0} batches."));
    Console.WriteLine("(The console then renders on its next refresh, at most 400 ms later: LiveComponentBase.RefreshInterval.)");
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"RESULT tags={options.Tags}{(options.LatencyOnly ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" ingest_pps={without.Pps:0} ingest_alarms_pps={with.Pps:0} ratio={slowdown:0.000}"))} paced_pps={latency.Points / latency.Seconds:0} latency_p50_ms={latency.P50:0.000} latency_p99_ms={latency.P99:0.000} latency_max_ms={latency.Max:0.000}"));
    return 0;

    async Task<(double Seconds, double Pps, long Transitions)> ThroughputAsync(bool withAlarms)
    {
        var folder = Directory.CreateDirectory(Path.Combine(work, withAlarms ? "with" : "without")).FullName;
        await using var node = await BenchNode.OpenAsync(folder, catalog, registry, ct).ConfigureAwait(false);
        // Not timed: the first write of each series persists it (once per series and data folder).
        var warm = batches.Take(equipmentCount).ToList();
        foreach (var batch in warm)
        {
            await node.Historian.WriteAsync(new Nightshift.Core.Samples.SampleBatch(BenchPlant.Tenant, [.. batch.Samples.Select(x => x.Sample with { Timestamp = start.AddSeconds(-1) })]), ct).ConfigureAwait(false);
        }

        await node.Historian.FlushAsync(ct).ConfigureAwait(false);
        var transitions = 0L;
        node.Alarms.Transitioned += (_, e) => transitions += e.Events.Count;
        var started = Stopwatch.GetTimestamp();
        foreach (var batch in batches)
        {
            await node.Historian.WriteAsync(batch.ToSampleBatch(), ct).ConfigureAwait(false);
            if (withAlarms)
            {
                node.Alarms.Observe(batch);
            }
        }

        await node.Historian.FlushAsync(ct).ConfigureAwait(false);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(withAlarms ? "with" : "without")} alarms: {points:N0} points in {seconds:0.00} s = {points / seconds:N0} points/s, {transitions:N0} alarm transitions"));
        return (seconds, points / seconds, transitions);
    }

    async Task<LatencyResult> LatencyAsync()
    {
        var folder = Directory.CreateDirectory(Path.Combine(work, "latency")).FullName;
        await using var node = await BenchNode.OpenAsync(folder, catalog, registry, ct).ConfigureAwait(false);
        var time = DateTime.UtcNow.AddMinutes(1);
        for (var e = 0; e < equipmentCount; e++)
        {
            await node.Historian.WriteAsync(plant.Batch(e, time.AddSeconds(-1), new Random(1)).ToSampleBatch(), ct).ConfigureAwait(false);
        }

        await node.Historian.FlushAsync(ct).ConfigureAwait(false);
        var consumed = 0L;
        var queue = Channel.CreateUnbounded<(EquipmentBatch Batch, long Arrival)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var latencies = new List<double>(1 << 16);
        var transitions = 0L;
        long arrival = 0;

        // The console's feed: the notification the alarm page, the sidebar and the overview subscribe to.
        node.Alarms.Changed += (_, _) => latencies.Add(Stopwatch.GetElapsedTime(arrival).TotalMilliseconds);
        node.Alarms.Transitioned += (_, e) => transitions += e.Events.Count;

        var consumer = Task.Run(
            async () =>
            {
                await foreach (var (batch, at) in queue.Reader.ReadAllAsync(ct).ConfigureAwait(false))
                {
                    arrival = at;
                    await node.Historian.WriteAsync(batch.ToSampleBatch(), ct).ConfigureAwait(false);
                    node.Alarms.Observe(batch);
                    consumed++;
                }
            },
            ct);

        // The producer keeps to the rate: every millisecond it sends the batches that fell due; every tenth batch takes
        // one tag over its limit, and in the next round of the equipment the same tag back under it (about 100 alarm
        // changes per second at 100,000 points/s).
        var batchesPerSecond = (double)options.Rate / options.TagsPerEquipment;
        var total = (long)(batchesPerSecond * options.Seconds);
        var produceRandom = new Random(7);
        var began = Stopwatch.GetTimestamp();
        var sent = 0L;
        while (sent < total)
        {
            var due = Math.Min(total, (long)(Stopwatch.GetElapsedTime(began).TotalSeconds * batchesPerSecond));
            for (; sent < due; sent++)
            {
                var equipment = (int)(sent % equipmentCount);
                var trip = sent % 10 == 0;
                var round = sent / equipmentCount;
                var batch = plant.Batch(equipment, time.AddMilliseconds(sent), produceRandom, trip ? (int)(((equipment / 10) + (round / 2)) % options.TagsPerEquipment) : -1, over: round % 2 == 0);
                queue.Writer.TryWrite((batch, Stopwatch.GetTimestamp()));
            }

            await Task.Delay(1, ct).ConfigureAwait(false);
        }

        var seconds = Stopwatch.GetElapsedTime(began).TotalSeconds;
        var backlog = (int)(sent - Interlocked.Read(ref consumed));
        queue.Writer.Complete();
        await consumer.ConfigureAwait(false);
        var sorted = latencies.Order().ToArray();
        return new LatencyResult(
            total * options.TagsPerEquipment,
            seconds,
            transitions,
            sorted.Length,
            Percentile(sorted, 0.50),
            Percentile(sorted, 0.99),
            sorted.Length == 0 ? 0 : sorted[^1],
            backlog);
    }
}
catch (OperationCanceledException) when (ct.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync("cancelled").ConfigureAwait(false);
    return 130;
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(work, recursive: true);
}

static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

static string Row(string name, long points, long transitions, double seconds, double pps) =>
    string.Create(CultureInfo.InvariantCulture, $"| {name} | {points:N0} | {transitions:N0} | {seconds:0.00} | {pps:N0} |");
