using System.Diagnostics.Metrics;

namespace Nightshift.Historian.Wal;

/// <summary>
/// The instruments of the write-ahead log, on the historian's meter (<c>Nightshift.Historian</c>), tagged with the log's
/// folder (<c>nightshift.wal.folder</c>). Thread-safe; disposing ends the meter.
/// </summary>
internal sealed class WalMetrics : IDisposable
{
    private readonly Meter _meter;

    public WalMetrics(string folder)
    {
        _meter = new Meter(new MeterOptions("Nightshift.Historian") { Tags = [new KeyValuePair<string, object?>("nightshift.wal.folder", folder)] });
        Appends = _meter.CreateCounter<long>("nightshift.wal.appends", "{record}", "Sample batches appended to the write-ahead log.");
        Points = _meter.CreateCounter<long>("nightshift.wal.points", "{point}", "Samples appended to the write-ahead log.");
        Bytes = _meter.CreateCounter<long>("nightshift.wal.bytes", "By", "Bytes written to the write-ahead log.");
        Syncs = _meter.CreateCounter<long>("nightshift.wal.syncs", "{sync}", "Group commits: writes followed by one fsync.");
        RecordsPerSync = _meter.CreateHistogram<long>("nightshift.wal.records_per_sync", "{record}", "Records made durable by one fsync.");
        CorruptTails = _meter.CreateCounter<long>("nightshift.wal.corrupt_tails", "{tail}", "Torn or corrupt log tails found, cut off and reported on open.");
        ReplayedPoints = _meter.CreateCounter<long>("nightshift.wal.replayed_points", "{point}", "Samples handed to the store again on open.");
    }

    public Counter<long> Appends { get; }

    public Counter<long> Points { get; }

    public Counter<long> Bytes { get; }

    public Counter<long> Syncs { get; }

    public Histogram<long> RecordsPerSync { get; }

    public Counter<long> CorruptTails { get; }

    public Counter<long> ReplayedPoints { get; }

    public void Dispose() => _meter.Dispose();
}
