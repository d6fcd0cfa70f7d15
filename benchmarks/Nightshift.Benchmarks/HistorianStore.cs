using Microsoft.Extensions.Logging.Abstractions;
using Nightshift.Core.Assets;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;
using Nightshift.Historian;

namespace Nightshift.Benchmarks;

/// <summary>
/// A <see cref="DuckDbHistorian"/> in a fresh temp folder for one benchmark class, with the helpers that make its data:
/// 1 Hz double samples from 2026-01-05 00:00 UTC. Dispose deletes the folder. Not thread-safe.
/// </summary>
public sealed class HistorianStore : IAsyncDisposable
{
    /// <summary>The tenant every benchmark series belongs to.</summary>
    public const string Tenant = "bench";

    /// <summary>The first sample's time.</summary>
    public static readonly DateTime StartUtc = new(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);

    private HistorianStore(string folder, SeriesRegistry registry, DuckDbHistorian historian)
    {
        Folder = folder;
        Registry = registry;
        Historian = historian;
    }

    /// <summary>The store's data folder (deleted on dispose).</summary>
    public string Folder { get; }

    /// <summary>The series catalog the historian loaded and extends.</summary>
    public SeriesRegistry Registry { get; }

    /// <summary>The open historian.</summary>
    public DuckDbHistorian Historian { get; }

    /// <summary>Opens a historian on a new temp folder.</summary>
    /// <exception cref="IOException">The folder cannot be created.</exception>
    public static async Task<HistorianStore> OpenAsync(CancellationToken ct)
    {
        var folder = Path.Combine(Path.GetTempPath(), "nightshift-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var registry = new SeriesRegistry();
        var options = new DuckDbHistorianOptions { DataFolder = folder };
        var historian = await DuckDbHistorian.OpenAsync(options, registry, TimeProvider.System, NullLogger<DuckDbHistorian>.Instance, ct).ConfigureAwait(false);
        return new HistorianStore(folder, registry, historian);
    }

    /// <summary>Registers <paramref name="count"/> series <c>plant/line/cell/machine.tagN</c> and returns their ids.</summary>
    public SeriesId[] AddSeries(int count)
    {
        var equipment = AssetPath.Parse("plant/line/cell/machine");
        var ids = new SeriesId[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = Registry.GetOrAdd(Tenant, new TagPath(equipment, $"tag{i}")).Id;
        }

        return ids;
    }

    /// <summary>One batch per series of <paramref name="pointsPerSeries"/> samples at 1 Hz (a slow sine with a ramp).</summary>
    public static SampleBatch[] MakeBatches(SeriesId[] ids, int pointsPerSeries)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var batches = new SampleBatch[ids.Length];
        for (var s = 0; s < ids.Length; s++)
        {
            var samples = new Sample[pointsPerSeries];
            for (var i = 0; i < pointsPerSeries; i++)
            {
                var value = 50.0 + (10.0 * Math.Sin(i / 600.0)) + (s * 0.1) + (i % 7 * 0.01);
                samples[i] = new Sample(ids[s], StartUtc.AddSeconds(i), SampleValue.FromDouble(value), Quality.Good);
            }

            batches[s] = new SampleBatch(Tenant, samples);
        }

        return batches;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Historian.DisposeAsync().ConfigureAwait(false);
        Directory.Delete(Folder, recursive: true);
    }
}
