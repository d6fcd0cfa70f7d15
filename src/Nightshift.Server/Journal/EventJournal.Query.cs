using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Assets;
using Nightshift.Core.Events;
using Nightshift.Server.Alarms;

namespace Nightshift.Server.Journal;

/// <summary>Reading the journal: one page of a tenant's events, the journal and the alarm transitions merged by time.</summary>
public sealed partial class EventJournal
{
    /// <summary>The most events of one page.</summary>
    public const int MaxLimit = 1000;

    private readonly record struct Keyed(PlantEvent Event, EventCursor Key);

    /// <summary>Reads one page, newest first. Throws <see cref="ArgumentOutOfRangeException"/> for a limit outside 1..<see cref="MaxLimit"/>.</summary>
    public async Task<EventPage> QueryAsync(EventQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, MaxLimit);
        var take = query.Limit + 1;
        var merged = new List<Keyed>(take * 2);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);

        var all = query.Kinds.Count == 0;
        var journalKinds = query.Kinds.Where(k => k != EventKind.Alarm).Select(EventKindNames.Name).ToList();
        if (all || journalKinds.Count > 0)
        {
            var rows = db.Journal.AsNoTracking().Where(j => j.Tenant == query.Tenant && j.Timestamp >= query.From && j.Timestamp < query.To);
            if (!all)
            {
                rows = rows.Where(j => journalKinds.Contains(j.Kind));
            }

            if (query.Asset is { Depth: > 0 } asset)
            {
                var prefix = asset.Value + "/";
                rows = rows.Where(j => j.Asset == asset.Value || j.Asset!.StartsWith(prefix));
            }

            if (query.Before is { } before)
            {
                var at = new DateTime(before.Ticks, DateTimeKind.Utc);
                rows = EventCursor.Journal < before.Source ? rows.Where(j => j.Timestamp <= at)
                    : EventCursor.Journal > before.Source ? rows.Where(j => j.Timestamp < at)
                    : rows.Where(j => j.Timestamp < at || (j.Timestamp == at && j.Id < before.Id));
            }

            foreach (var j in await rows.OrderByDescending(j => j.Timestamp).ThenByDescending(j => j.Id).Take(take).ToListAsync(cancellationToken))
            {
                var timestamp = DateTime.SpecifyKind(j.Timestamp, DateTimeKind.Utc);
                var kind = EventKindNames.TryParse(j.Kind, out var stored) ? stored.Value : EventKind.Audit;
                var plantEvent = new PlantEvent(timestamp, j.Tenant, kind, AssetOf(j.Asset), j.Message) { Actor = j.Actor };
                merged.Add(new Keyed(plantEvent, new EventCursor(timestamp.Ticks, EventCursor.Journal, j.Id)));
            }
        }

        if (all || query.Kinds.Contains(EventKind.Alarm))
        {
            var rows = db.AlarmEvents.AsNoTracking().Where(a => a.Tenant == query.Tenant && a.Timestamp >= query.From && a.Timestamp < query.To);
            if (query.Asset is { Depth: > 0 } asset)
            {
                var prefix = asset.Value + "/";
                rows = rows.Where(a => a.Equipment == asset.Value || a.Equipment.StartsWith(prefix));
            }

            if (query.Before is { } before)
            {
                var at = new DateTime(before.Ticks, DateTimeKind.Utc);
                rows = EventCursor.Alarm < before.Source ? rows.Where(a => a.Timestamp <= at)
                    : EventCursor.Alarm > before.Source ? rows.Where(a => a.Timestamp < at)
                    : rows.Where(a => a.Timestamp < at || (a.Timestamp == at && a.Id < before.Id));
            }

            foreach (var a in await rows.OrderByDescending(a => a.Timestamp).ThenByDescending(a => a.Id).Take(take).ToListAsync(cancellationToken))
            {
                var timestamp = DateTime.SpecifyKind(a.Timestamp, DateTimeKind.Utc);
                var name = AlarmIds.TryParse(a.AlarmId, out _, out var definition) ? definition : a.AlarmId;
                var message = $"{name} {a.Action}: {a.FromState} -> {a.ToState}" + (string.IsNullOrEmpty(a.Comment) ? string.Empty : $" ({a.Comment})");
                var plantEvent = new PlantEvent(timestamp, a.Tenant, EventKind.Alarm, AssetOf(a.Equipment), message) { Actor = a.Who };
                merged.Add(new Keyed(plantEvent, new EventCursor(timestamp.Ticks, EventCursor.Alarm, a.Id)));
            }
        }

        merged.Sort(static (x, y) => y.Key.Ticks != x.Key.Ticks ? y.Key.Ticks.CompareTo(x.Key.Ticks)
            : y.Key.Source != x.Key.Source ? y.Key.Source.CompareTo(x.Key.Source)
            : y.Key.Id.CompareTo(x.Key.Id));
        var page = merged.Take(query.Limit).ToList();
        return new EventPage([.. page.Select(k => k.Event)], merged.Count > query.Limit ? page[^1].Key : null);
    }

    private static AssetPath? AssetOf(string? value) =>
        !string.IsNullOrEmpty(value) && AssetPath.TryParse(value, out var path, out _) ? path : null;
}
