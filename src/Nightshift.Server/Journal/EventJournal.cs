using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nightshift.Core.Events;
using Nightshift.Server.Data;
using Nightshift.Server.Ingest;

namespace Nightshift.Server.Journal;

/// <summary>
/// The append-only journal of plant events (state changes, connectivity, commands, configuration and audit) in the
/// metadata database. <see cref="Append"/> never blocks: it queues the event in a bounded channel, and when the channel
/// is full the event is dropped and counted (<see cref="Dropped"/>, metric <c>nightshift.journal.dropped</c>). One
/// background writer saves the queue in batches. Reading (<see cref="QueryAsync"/>) merges the journal with the alarm
/// transitions of the AlarmEvents table by time. Thread-safe.
/// </summary>
public sealed partial class EventJournal : BackgroundService
{
    /// <summary>The events the queue holds before it drops, by default.</summary>
    public const int DefaultCapacity = 10_000;

    /// <summary>The most events saved in one batch.</summary>
    public const int WriteBatch = 500;

    private static readonly Meter Meter = new(IngestMetrics.MeterName);
    private static readonly Counter<long> DroppedCounter = Meter.CreateCounter<long>("nightshift.journal.dropped", "{event}", "Journal events dropped because the queue was full");

    private readonly IDbContextFactory<MetadataDbContext> _contexts;
    private readonly ILogger<EventJournal> _logger;
    private readonly Channel<PlantEvent> _pending;
    private long _dropped;

    public EventJournal(IDbContextFactory<MetadataDbContext> contexts, ILogger<EventJournal> logger, int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _contexts = contexts;
        _logger = logger;
        _pending = Channel.CreateBounded<PlantEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The events dropped so far because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues an event for the writer; false (and counted) when the queue is full. Never blocks.</summary>
    public bool Append(PlantEvent plantEvent)
    {
        ArgumentNullException.ThrowIfNull(plantEvent);
        if (_pending.Writer.TryWrite(plantEvent))
        {
            return true;
        }

        if (Interlocked.Increment(ref _dropped) == 1)
        {
            LogFirstDrop(_logger);
        }

        DroppedCounter.Add(1);
        return false;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<JournalEntry>(WriteBatch);
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken))
            {
                await WriteAvailableAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The node stops: what is queued is still written, within a short grace.
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await WriteAvailableAsync(batch, grace.Token);
        }
    }

    private async Task WriteAvailableAsync(List<JournalEntry> batch, CancellationToken cancellationToken)
    {
        while (_pending.Reader.TryPeek(out _))
        {
            while (batch.Count < WriteBatch && _pending.Reader.TryRead(out var e))
            {
                batch.Add(new JournalEntry
                {
                    Tenant = e.Tenant,
                    Timestamp = DateTime.SpecifyKind(e.Timestamp.ToUniversalTime(), DateTimeKind.Utc),
                    Kind = EventKindNames.Name(e.Kind),
                    Asset = e.Asset is { Depth: > 0 } asset ? asset.Value : null,
                    Actor = e.Actor,
                    Message = e.Message,
                });
            }

            try
            {
                await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
                db.Journal.AddRange(batch);
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogWriteFailed(_logger, ex, batch.Count);
            }
            finally
            {
                batch.Clear();
            }
        }
    }

    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "The event journal queue is full: events are dropped (counted by nightshift.journal.dropped)")]
    private static partial void LogFirstDrop(ILogger logger);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Error, Message = "Could not write {Count} journal events")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count);
}
