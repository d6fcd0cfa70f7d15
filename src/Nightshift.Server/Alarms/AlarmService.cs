using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nightshift.Core.Alarms;
using Nightshift.Core.Assets;
using Nightshift.Core.Ingest;
using Nightshift.Server.Data;
using Nightshift.Server.Ingest;

namespace Nightshift.Server.Alarms;

/// <summary>
/// Live alarms of every tenant: one instance per (tenant, equipment, definition of the equipment's type), fed by the
/// ingest pipeline after normalization (<see cref="Observe"/>), by a one-second timer (delays, stale data, shelve
/// expiry) and by operators (acknowledge, shelve, unshelve, reset). Every transition is an <see cref="AlarmEvent"/>,
/// kept in memory (the last <see cref="MemoryCapacity"/>) and appended to the metadata database off the ingest path.
/// </summary>
/// <remarks>
/// Equipment alarms are built on first use (a sample, a command, a list or the timer's walk of a changed plant) from
/// the type the catalog knows then; a changed plant file takes effect for equipment not built yet, or after a restart.
/// The hot path is one dictionary lookup per batch and one per sample; nothing is allocated per sample unless a
/// transition happens. Thread-safe: each equipment has its own lock.
/// </remarks>
public sealed partial class AlarmService : BackgroundService
{
    /// <summary>Alarm events kept in memory across all tenants.</summary>
    public const int MemoryCapacity = 10_000;

    /// <summary>Events read back for a KPI report: a bound on the work one request can cause.</summary>
    public const int MaxEventsRead = 200_000;

    /// <summary>How far before a KPI period events are read, so that alarms standing since before it are found.</summary>
    public static readonly TimeSpan StandingLookBack = TimeSpan.FromDays(7);

    public static readonly TimeSpan TickInterval = TimeSpan.FromSeconds(1);

    private const int WriteBatch = 1_000;

    private readonly PlantCatalog _catalog;
    private readonly IDbContextFactory<MetadataDbContext> _contexts;
    private readonly TimeProvider _time;
    private readonly ILogger<AlarmService> _logger;
    private readonly ConcurrentDictionary<(string Tenant, string Equipment), EquipmentAlarms?> _equipment = new();
    private readonly Channel<AlarmEventEntry> _pending = Channel.CreateUnbounded<AlarmEventEntry>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _recentGate = new();
    private readonly Queue<(string Tenant, AlarmEvent Event)> _recent = new();
    private readonly Lock _walkGate = new();
    private readonly Dictionary<string, PlantModel> _walked = new(StringComparer.Ordinal);

    public AlarmService(PlantCatalog catalog, IDbContextFactory<MetadataDbContext> contexts, TimeProvider time, ILogger<AlarmService> logger)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _catalog = catalog;
        _contexts = contexts;
        _time = time;
        _logger = logger;
    }

    /// <summary>Evaluates a normalized batch against the alarms of its equipment (none for equipment whose type has none).</summary>
    public void Observe(EquipmentBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (Find(batch.Tenant, batch.Equipment) is not { } alarms)
        {
            return;
        }

        List<AlarmEvent>? events = null;
        alarms.Feed(batch.Samples, ref events);
        Publish(batch.Tenant, events);
    }

    /// <summary>One timer tick: builds the alarms of equipment not seen yet, completes delays, finds stale data, ends expired shelves.</summary>
    public void Tick()
    {
        foreach (var tenant in _catalog.Tenants)
        {
            WalkPlant(tenant);
        }

        var now = _time.GetUtcNow().UtcDateTime;
        foreach (var alarms in _equipment.Values)
        {
            if (alarms is null)
            {
                continue;
            }

            List<AlarmEvent>? events = null;
            alarms.Tick(now, ref events);
            Publish(alarms.Tenant, events);
        }
    }

    /// <summary>The alarms of a tenant, ordered by equipment path and definition.</summary>
    public IReadOnlyList<AlarmSnapshot> List(string tenant)
    {
        WalkPlant(tenant);
        var snapshots = new List<AlarmSnapshot>();
        foreach (var ((owner, _), alarms) in _equipment)
        {
            if (alarms is not null && string.Equals(owner, tenant, StringComparison.Ordinal))
            {
                alarms.AddSnapshots(snapshots);
            }
        }

        snapshots.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return snapshots;
    }

    /// <summary>One alarm by its id, or null.</summary>
    public AlarmSnapshot? Get(string tenant, string id) =>
        AlarmIds.TryParse(id, out var equipment, out var definitionId) && Find(tenant, equipment) is { } alarms ? alarms.Find(definitionId) : null;

    /// <summary>The operator acknowledged the alarm.</summary>
    public AlarmCommandResult Acknowledge(string tenant, string id, string who, string? comment) =>
        Execute(tenant, id, who, (m, w) => m.Acknowledge(w, comment));

    /// <summary>The operator shelved the alarm for <paramref name="duration"/> from now.</summary>
    public AlarmCommandResult Shelve(string tenant, string id, string who, string reason, TimeSpan duration)
    {
        var until = _time.GetUtcNow().UtcDateTime + duration;
        return Execute(tenant, id, who, (m, w) => m.Shelve(w, reason, until));
    }

    /// <summary>The operator ended a shelve before its time.</summary>
    public AlarmCommandResult Unshelve(string tenant, string id, string who, string? comment) =>
        Execute(tenant, id, who, (m, w) => m.Unshelve(w, comment));

    /// <summary>The operator reset an acknowledged latched alarm whose condition cleared.</summary>
    public AlarmCommandResult Reset(string tenant, string id, string who, string? comment) =>
        Execute(tenant, id, who, (m, w) => m.Reset(w, comment));

    /// <summary>The latest events of a tenant still in memory, oldest first.</summary>
    public IReadOnlyList<AlarmEvent> RecentEvents(string tenant)
    {
        lock (_recentGate)
        {
            return [.. _recent.Where(r => string.Equals(r.Tenant, tenant, StringComparison.Ordinal)).Select(r => r.Event)];
        }
    }

    /// <summary>
    /// The stored events of a tenant from <paramref name="from"/> to <paramref name="to"/> (UTC), oldest first, at most
    /// <see cref="MaxEventsRead"/> (the newest are kept).
    /// </summary>
    public async Task<IReadOnlyList<AlarmEvent>> ReadEventsAsync(string tenant, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var entries = await db.AlarmEvents.AsNoTracking()
            .Where(e => e.Tenant == tenant && e.Timestamp >= from && e.Timestamp < to)
            .OrderByDescending(e => e.Timestamp).ThenByDescending(e => e.Id)
            .Take(MaxEventsRead)
            .ToListAsync(cancellationToken);
        entries.Reverse();
        return [.. entries.Select(ToEvent)];
    }

    /// <summary>ISA-18.2 alarm KPIs of a tenant over [<paramref name="from"/>, <paramref name="to"/>) from the stored events.</summary>
    /// <exception cref="ArgumentException"><paramref name="to"/> is not after <paramref name="from"/>.</exception>
    public async Task<AlarmKpiReport> ComputeKpisAsync(string tenant, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        if (to <= from)
        {
            throw new ArgumentException("the end of the period must be after its start", nameof(to));
        }

        var events = await ReadEventsAsync(tenant, from - StandingLookBack, to, cancellationToken);
        return AlarmKpis.Compute(events, from, to);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var writing = WriteLoopAsync(stoppingToken);
        try
        {
            using var timer = new PeriodicTimer(TickInterval, _time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    Tick();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogTickFailed(_logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }

        await writing;
    }

    private async Task WriteLoopAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AlarmEventEntry>(WriteBatch);
        var reader = _pending.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
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

    private async Task WriteAvailableAsync(List<AlarmEventEntry> batch, CancellationToken cancellationToken)
    {
        while (_pending.Reader.TryPeek(out _))
        {
            while (batch.Count < WriteBatch && _pending.Reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }

            try
            {
                await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
                db.AlarmEvents.AddRange(batch);
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

        await SaveStatesAsync(cancellationToken);
    }

    private AlarmCommandResult Execute(string tenant, string id, string who, Func<AlarmStateMachine, string, AlarmResult> command)
    {
        if (!AlarmIds.TryParse(id, out var equipment, out var definitionId) || Find(tenant, equipment) is not { } alarms)
        {
            return new AlarmCommandResult(AlarmCommandOutcome.NotFound, null, $"no alarm '{id}' in tenant '{tenant}'");
        }

        List<AlarmEvent>? events = null;
        var outcome = alarms.Execute(definitionId, m => command(m, who), ref events);
        Publish(tenant, events);
        return outcome switch
        {
            null => new AlarmCommandResult(AlarmCommandOutcome.NotFound, null, $"no alarm '{id}' in tenant '{tenant}'"),
            ({ Succeeded: true }, var alarm) => new AlarmCommandResult(AlarmCommandOutcome.Done, alarm, null),
            var (result, alarm) => new AlarmCommandResult(AlarmCommandOutcome.Refused, alarm, result.Message),
        };
    }

    /// <summary>The alarms of an equipment, built on first use; null for unknown equipment and for a type without alarms.</summary>
    private EquipmentAlarms? Find(string tenant, AssetPath equipment)
    {
        var key = (tenant, equipment.Value);
        if (_equipment.TryGetValue(key, out var found))
        {
            return found;
        }

        var model = _catalog.Get(tenant);
        if (model?.Find(equipment) is not { Kind: AssetKind.Equipment } node)
        {
            return null; // not known (yet): asked again next time, not remembered
        }

        var type = model.FindType(node.TypeName);
        EquipmentAlarms? built = null;
        if (type is { Alarms.Count: > 0 })
        {
            try
            {
                built = new EquipmentAlarms(tenant, equipment, type, _time, RestoredStates(tenant));
            }
            catch (ArgumentException ex)
            {
                // Plant files are validated when loaded; a type built in code may still carry a definition that cannot be evaluated.
                LogInvalidAlarms(_logger, ex, tenant, equipment.Value);
            }
        }

        return _equipment.GetOrAdd(key, built);
    }

    /// <summary>Builds the alarms of every equipment of a tenant's plant once per plant model, so that stale data of silent equipment is found.</summary>
    private void WalkPlant(string tenant)
    {
        var model = _catalog.Get(tenant);
        if (model is null)
        {
            return;
        }

        lock (_walkGate)
        {
            if (_walked.TryGetValue(tenant, out var walked) && ReferenceEquals(walked, model))
            {
                return;
            }

            _walked[tenant] = model;
        }

        foreach (var node in model.Equipment)
        {
            Find(tenant, node.Path);
        }
    }

    private void Publish(string tenant, List<AlarmEvent>? events)
    {
        if (events is null)
        {
            return;
        }

        lock (_recentGate)
        {
            foreach (var e in events)
            {
                _recent.Enqueue((tenant, e));
                if (_recent.Count > MemoryCapacity)
                {
                    _recent.Dequeue();
                }
            }
        }

        foreach (var e in events)
        {
            _pending.Writer.TryWrite(ToEntry(tenant, e));
            _dirty.TryAdd((tenant, e.AlarmId), 0);
        }

        if (events.Count > 0)
        {
            RaiseTransitioned(tenant, events);
            RaiseChanged(tenant);
        }
    }

    private static AlarmEventEntry ToEntry(string tenant, AlarmEvent e) =>
        new()
        {
            Tenant = tenant,
            Timestamp = e.Timestamp,
            AlarmId = e.AlarmId,
            Equipment = AlarmIds.TryParse(e.AlarmId, out var equipment, out _) ? equipment.Value : string.Empty,
            Action = e.Action.ToString(),
            FromState = e.From.ToString(),
            ToState = e.To.ToString(),
            Who = e.Who,
            Comment = e.Comment,
            Priority = e.Priority.ToString(),
            Position = e.Position,
            ConditionActive = e.ConditionActive,
            ShelvedUntil = e.ShelvedUntil,
        };

    private static AlarmEvent ToEvent(AlarmEventEntry entry) =>
        new(
            DateTime.SpecifyKind(entry.Timestamp, DateTimeKind.Utc),
            entry.AlarmId,
            Enum.Parse<AlarmAction>(entry.Action),
            Enum.Parse<AlarmState>(entry.FromState),
            Enum.Parse<AlarmState>(entry.ToState),
            entry.Who,
            entry.Comment)
        {
            Priority = Enum.Parse<AlarmPriority>(entry.Priority),
            Position = entry.Position,
            ConditionActive = entry.ConditionActive,
            ShelvedUntil = entry.ShelvedUntil is { } until ? DateTime.SpecifyKind(until, DateTimeKind.Utc) : null,
        };

    [LoggerMessage(EventId = 4200, Level = LogLevel.Error, Message = "The alarm timer failed")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Error, Message = "Could not store {Count} alarm events")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Error, Message = "The alarms of {Tenant}/{Equipment} cannot be evaluated; the equipment gets none")]
    private static partial void LogInvalidAlarms(ILogger logger, Exception exception, string tenant, string equipment);
}
