using System.Diagnostics.Metrics;

namespace Nightshift.Historian;

/// <summary>
/// The instruments of the historian, on the meter <see cref="MeterName"/>, tagged with the store (<see cref="StoreTag"/>). Thread-safe; disposing ends the meter.
/// </summary>
internal sealed class HistorianMetrics : IDisposable
{
    public const string MeterName = "Nightshift.Historian";

    private readonly Meter _meter;

    /// <summary>The tag that tells the stores of one process apart: the full path of the database file.</summary>
    public const string StoreTag = "nightshift.history.store";

    public HistorianMetrics(string store)
    {
        _meter = new Meter(new MeterOptions(MeterName) { Tags = [new KeyValuePair<string, object?>(StoreTag, store)] });
        PointsWritten = _meter.CreateCounter<long>("nightshift.history.points_written", "{point}", "Samples written to storage.");
        WriteErrors = _meter.CreateCounter<long>("nightshift.history.write_errors", "{batch}", "Batches that could not be written.");
        BatchSize = _meter.CreateHistogram<int>("nightshift.history.batch_size", "{point}", "Samples per write to storage.");
    }

    public Counter<long> PointsWritten { get; }

    public Counter<long> WriteErrors { get; }

    public Histogram<int> BatchSize { get; }

    public void Dispose() => _meter.Dispose();
}
