using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Nightshift.Core.Assets;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;
using Nightshift.Historian;
using Nightshift.Server.Export;

namespace Nightshift.Server.Tests.Export;

/// <summary>A real embedded historian (DuckDB) in a temporary folder, with helpers to register tags and write samples.</summary>
public sealed class ExportHistorian : IAsyncDisposable
{
    public const string Tenant = "acme";

    private readonly string _folder;

    private ExportHistorian(string folder, SeriesRegistry registry, DuckDbHistorian historian)
    {
        _folder = folder;
        Registry = registry;
        Historian = historian;
    }

    public SeriesRegistry Registry { get; }

    public DuckDbHistorian Historian { get; }

    public static async Task<ExportHistorian> OpenAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "nightshift-export-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var registry = new SeriesRegistry();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        var historian = await DuckDbHistorian.OpenAsync(new DuckDbHistorianOptions { DataFolder = folder }, registry, time, NullLogger<DuckDbHistorian>.Instance, cancellationToken);
        return new ExportHistorian(folder, registry, historian);
    }

    /// <summary>Registers a tag of <see cref="Tenant"/> and returns it as an export names it.</summary>
    public ExportTag Tag(string path) => new(path, Registry.GetOrAdd(Tenant, TagPath.Parse(path)).Id);

    /// <summary>Writes samples and waits until they are on disk.</summary>
    public async Task WriteAsync(IReadOnlyList<Sample> samples, CancellationToken cancellationToken)
    {
        await Historian.WriteAsync(new SampleBatch(Tenant, samples), cancellationToken);
        await Historian.FlushAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Historian.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
