using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Nightshift.Core.Alarms;
using Nightshift.Server.Data;

namespace Nightshift.Server.Alarms;

/// <summary>
/// The alarm states across a restart: every alarm that went through a transition is marked, and the writer saves the
/// state of the marked alarms (annunciation, condition, shelve, suppression, out of service, since) to the AlarmStates
/// table after the events; at start the saved states are read before anything is evaluated, and an equipment's alarms
/// take theirs when they are built. A shelve keeps its end, so it expires at its time, also when that passed meanwhile.
/// </summary>
public sealed partial class AlarmService
{
    private readonly ConcurrentDictionary<(string Tenant, string AlarmId), byte> _dirty = new();
    private volatile Dictionary<string, Dictionary<string, SavedAlarmState>> _restored = new(StringComparer.Ordinal);

    /// <summary>The number of alarm states read at start.</summary>
    public int RestoredCount { get; private set; }

    /// <summary>Reads the saved alarm states, then starts the timer and the writer.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await LoadStatesAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>
    /// Stops the timer and the writer, then writes what is still queued (events and states) within a short grace: the
    /// writer may never have run when the host stops right after it started.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await WriteAvailableAsync(new List<AlarmEventEntry>(WriteBatch), grace.Token);
        }
        catch (OperationCanceledException)
        {
            LogStatesWriteFailed(_logger, new TimeoutException("the final write of alarm events and states did not finish in 5 s"), _dirty.Count);
        }
    }

    private async Task LoadStatesAsync(CancellationToken cancellationToken)
    {
        List<AlarmStateEntry> entries;
        try
        {
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
            entries = await db.AlarmStates.AsNoTracking().ToListAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A database without the table (not migrated) or unreadable: alarms start from normal, as before.
            LogStatesUnreadable(_logger, ex);
            return;
        }

        var restored = new Dictionary<string, Dictionary<string, SavedAlarmState>>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (ToSaved(entry) is not { } saved)
            {
                continue;
            }

            if (!restored.TryGetValue(entry.Tenant, out var byId))
            {
                restored.Add(entry.Tenant, byId = new Dictionary<string, SavedAlarmState>(StringComparer.Ordinal));
            }

            byId[entry.AlarmId] = saved;
        }

        RestoredCount = restored.Values.Sum(r => r.Count);
        _restored = restored;
        LogStatesRestored(_logger, RestoredCount);
    }

    private Dictionary<string, SavedAlarmState>? RestoredStates(string tenant) => _restored.GetValueOrDefault(tenant);

    private async Task SaveStatesAsync(CancellationToken cancellationToken)
    {
        if (_dirty.IsEmpty)
        {
            return;
        }

        var keys = _dirty.Keys.ToList();
        foreach (var key in keys)
        {
            _dirty.TryRemove(key, out _);
        }

        var now = _time.GetUtcNow().UtcDateTime;
        try
        {
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
            foreach (var group in keys.GroupBy(k => k.Tenant, StringComparer.Ordinal))
            {
                var ids = group.Select(k => k.AlarmId).ToList();
                var existing = await db.AlarmStates.Where(a => a.Tenant == group.Key && ids.Contains(a.AlarmId)).ToDictionaryAsync(a => a.AlarmId, StringComparer.Ordinal, cancellationToken);
                foreach (var id in ids)
                {
                    if (!AlarmIds.TryParse(id, out var equipment, out var definitionId) || Find(group.Key, equipment)?.Capture(definitionId) is not { } saved)
                    {
                        continue;
                    }

                    if (!existing.TryGetValue(id, out var entry))
                    {
                        entry = new AlarmStateEntry { Tenant = group.Key, AlarmId = id, Annunciation = nameof(AlarmState.Normal) };
                        db.AlarmStates.Add(entry);
                    }

                    Fill(entry, saved, now);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            // Marked again: the next write (or the last one at stop, after a cancelled one) saves them.
            foreach (var key in keys)
            {
                _dirty.TryAdd(key, 0);
            }

            if (ex is OperationCanceledException)
            {
                throw;
            }

            LogStatesWriteFailed(_logger, ex, keys.Count);
        }
    }

    private static void Fill(AlarmStateEntry entry, SavedAlarmState saved, DateTime now)
    {
        var state = saved.State;
        entry.Annunciation = state.Annunciation.ToString();
        entry.ConditionActive = state.ConditionActive;
        entry.Suppressed = state.Suppressed;
        entry.OutOfService = state.OutOfService;
        entry.ShelvedBy = state.Shelve?.Who;
        entry.ShelveReason = state.Shelve?.Reason;
        entry.ShelvedSince = state.Shelve?.Since;
        entry.ShelvedUntil = state.Shelve?.Until;
        entry.Since = saved.Since;
        entry.UpdatedAt = now;
    }

    private static SavedAlarmState? ToSaved(AlarmStateEntry entry)
    {
        if (!Enum.TryParse<AlarmState>(entry.Annunciation, out var annunciation))
        {
            return null;
        }

        ShelveInfo? shelve = entry is { ShelvedBy: { } who, ShelveReason: { } reason, ShelvedSince: { } since, ShelvedUntil: { } until }
            ? new ShelveInfo(who, reason, Utc(since), Utc(until))
            : null;
        var hidden = shelve is not null || entry.Suppressed || entry.OutOfService;
        var state = new AlarmMachineState(hidden ? AlarmState.Normal : annunciation, entry.ConditionActive, shelve, entry.Suppressed, entry.OutOfService);
        return new SavedAlarmState(state, Utc(entry.Since));
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Information, Message = "Restored the state of {Count} alarms")]
    private static partial void LogStatesRestored(ILogger logger, int count);

    [LoggerMessage(EventId = 4205, Level = LogLevel.Warning, Message = "The saved alarm states could not be read; alarms start from normal")]
    private static partial void LogStatesUnreadable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4206, Level = LogLevel.Error, Message = "Could not save the state of {Count} alarms")]
    private static partial void LogStatesWriteFailed(ILogger logger, Exception exception, int count);
}
