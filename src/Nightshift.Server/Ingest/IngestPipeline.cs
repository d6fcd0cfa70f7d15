using Microsoft.Extensions.Logging;
using Nightshift.Core.Assets;
using Nightshift.Core.Ingest;
using Nightshift.Core.Samples;
using Nightshift.Historian;
using Nightshift.Server.Alarms;
using Nightshift.Server.Live;
using Nightshift.Twins;
using Nightshift.Twins.Equipment;

namespace Nightshift.Server.Ingest;

/// <summary>
/// Where every connector delivers: normalizes a source batch once, then hands the same samples to the equipment
/// twin, the historian's write queue and the live fan-out. Thread-safe; calls for one source arrive in order.
/// </summary>
public sealed partial class IngestPipeline(
    Normalizer normalizer,
    PlantCatalog catalog,
    IGrainFactory grains,
    IHistorian historian,
    LiveBus live,
    AlarmService alarms,
    ILogger<IngestPipeline> logger) : IIngestSink
{
    private readonly HistoryCompression _compression = new();

    public ValueTask DescribeAsync(string tenant, string source, IReadOnlyList<SourceMetric> metrics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var equipment = normalizer.ResolveEquipment(tenant, source);
        if (metrics.Count > 0 && catalog.GetConfigured(tenant)?.FindBySource(source) is null && catalog.Discover(tenant, equipment, source, metrics))
        {
            LogDiscovered(logger, tenant, equipment.Value, source, metrics.Count);
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask IngestAsync(SourceBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Points.Count == 0)
        {
            return;
        }

        var normalized = normalizer.Normalize(batch);
        if (catalog.GetConfigured(batch.Tenant)?.FindBySource(batch.Source) is null)
        {
            catalog.Discover(batch.Tenant, normalized.Equipment, batch.Source, null);
        }

        try
        {
            // The historian returns once the batch is in the write-ahead log on disk; the twin, live and alarm updates
            // run meanwhile, and this call (so the sender's HTTP 2xx or MQTT PUBACK) completes only after both.
            var stored = historian.WriteAsync(_compression.Apply(normalized, catalog.TypeOf(batch.Tenant, normalized.Equipment)), cancellationToken);
            try
            {
                var updates = new TagUpdate[normalized.Samples.Count];
                var pushed = new LiveTagValue[normalized.Samples.Count];
                for (var i = 0; i < updates.Length; i++)
                {
                    var (tag, sample) = normalized.Samples[i];
                    updates[i] = new TagUpdate(tag, TagValue.From(sample));
                    pushed[i] = new LiveTagValue(tag, sample.Value.ToObject(), sample.Quality.ToString(), sample.Quality.IsGood, sample.Timestamp);
                }

                await Twin(batch.Tenant, normalized.Equipment).ApplyAsync(updates, StateTagOf(batch.Tenant, normalized.Equipment));
                live.Publish(new LiveUpdate(batch.Tenant, normalized.Equipment.Value, pushed));
                alarms.Observe(normalized);
                IngestMetrics.Samples.Add(updates.Length);
                IngestMetrics.BatchSize.Record(updates.Length);
            }
            finally
            {
                await stored;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            IngestMetrics.PipelineErrors.Add(1);
            LogPipelineFailed(logger, ex, batch.Tenant, batch.Source);
            throw;
        }
    }

    public async ValueTask SourceStatusAsync(string tenant, string source, bool online, Quality quality, DateTime timestamp, CancellationToken cancellationToken)
    {
        var equipment = normalizer.ResolveEquipment(tenant, source);
        if (catalog.Get(tenant)?.Find(equipment) is null)
        {
            return; // a source that never sent data (e.g. an edge node with only session metrics) has no twin to mark
        }

        await Twin(tenant, equipment).SetOnlineAsync(online, quality.Code, timestamp);
    }

    private IEquipmentGrain Twin(string tenant, AssetPath equipment) =>
        grains.GetGrain<IEquipmentGrain>(TwinKeys.Equipment(tenant, equipment.Value));

    private string StateTagOf(string tenant, AssetPath equipment) =>
        catalog.TypeOf(tenant, equipment)?.StateModel.StateTag ?? StateModel.Machine.StateTag;

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Discovered {Tenant}/{Equipment} from {Source} with {Metrics} metrics")]
    private static partial void LogDiscovered(ILogger logger, string tenant, string equipment, string source, int metrics);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "The ingest pipeline failed on a batch of {Tenant} from {Source}")]
    private static partial void LogPipelineFailed(ILogger logger, Exception exception, string tenant, string source);
}
