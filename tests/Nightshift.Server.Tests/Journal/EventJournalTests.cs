using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Nightshift.Core.Assets;
using Nightshift.Core.Events;
using Nightshift.Server.Data;
using Nightshift.Server.Journal;

namespace Nightshift.Server.Tests.Journal;

public sealed class EventJournalTests : IAsyncLifetime
{
    private const string Tenant = "demo";

    private static readonly AssetPath Press = AssetPath.Parse("plant/shop/line/press-1");
    private static readonly AssetPath Robot = AssetPath.Parse("plant/body/line/robot-1");
    private static readonly DateTime Start = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    private readonly string _folder = Directory.CreateTempSubdirectory("nightshift-journal-").FullName;
    private PooledDbContextFactory<MetadataDbContext> _contexts = null!;
    private EventJournal _journal = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var options = new DbContextOptionsBuilder<MetadataDbContext>().UseSqlite("Data Source=" + Path.Combine(_folder, "metadata.db")).Options;
        _contexts = new PooledDbContextFactory<MetadataDbContext>(options);
        await using (var db = await _contexts.CreateDbContextAsync(Ct))
        {
            await MetadataSchema.EnsureAsync(db, Ct);
        }

        _journal = new EventJournal(_contexts, NullLogger<EventJournal>.Instance);
        await _journal.StartAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _journal.StopAsync(CancellationToken.None);
        _journal.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Appended_events_are_persisted_and_read_newest_first()
    {
        _journal.Append(new PlantEvent(Start, Tenant, EventKind.StateChange, Press, "Idle -> Running")).ShouldBeTrue();
        _journal.Append(new PlantEvent(Start.AddMinutes(1), Tenant, EventKind.Configuration, null, "user.create: ana (operator)") { Actor = "admin" }).ShouldBeTrue();
        _journal.Append(new PlantEvent(Start.AddMinutes(2), "other", EventKind.StateChange, Press, "Idle -> Down")).ShouldBeTrue();

        var page = await WaitForAsync(Query(), 2);

        page.Events.Select(e => e.Message).ShouldBe(["user.create: ana (operator)", "Idle -> Running"]);
        page.Events[0].Actor.ShouldBe("admin");
        page.Events[0].Asset.ShouldBeNull();
        page.Events[1].Asset.ShouldBe(Press);
        page.Events[1].Kind.ShouldBe(EventKind.StateChange);
        page.Events[1].Timestamp.ShouldBe(Start);
        page.Events[1].Timestamp.Kind.ShouldBe(DateTimeKind.Utc);
        page.Next.ShouldBeNull();
    }

    [Fact]
    public async Task Pages_follow_the_cursor_without_gaps_or_repeats_across_journal_and_alarm_events()
    {
        for (var i = 0; i < 5; i++)
        {
            _journal.Append(new PlantEvent(Start.AddSeconds(i * 2), Tenant, EventKind.StateChange, Press, "change " + i));
        }

        await using (var db = await _contexts.CreateDbContextAsync(Ct))
        {
            // Two alarm transitions: one between journal events, one at the same instant as a journal event.
            db.AlarmEvents.Add(Alarm(Start.AddSeconds(3), "Raise"));
            db.AlarmEvents.Add(Alarm(Start.AddSeconds(4), "Acknowledge"));
            await db.SaveChangesAsync(Ct);
        }

        await WaitForAsync(Query(), 7);
        var seen = new List<string>();
        var query = Query() with { Limit = 3 };
        var pages = 0;
        while (true)
        {
            var page = await _journal.QueryAsync(query, Ct);
            pages++;
            seen.AddRange(page.Events.Select(e => e.Message));
            if (page.Next is not { } next)
            {
                break;
            }

            query = query with { Before = next };
        }

        pages.ShouldBe(3);
        seen.ShouldBe([
            "change 4",
            "change 3",
            "change 2",
            "vibration.hi Acknowledge: UnackActive -> AckActive (bearing check)",
            "vibration.hi Raise: UnackActive -> AckActive (bearing check)",
            "change 1",
            "change 0",
        ], ignoreOrder: false, customMessage: string.Join(" | ", seen));
    }

    [Fact]
    public async Task Kind_and_asset_filters_select_the_matching_events()
    {
        _journal.Append(new PlantEvent(Start, Tenant, EventKind.StateChange, Press, "press state"));
        _journal.Append(new PlantEvent(Start.AddSeconds(1), Tenant, EventKind.Connectivity, Robot, "offline"));
        _journal.Append(new PlantEvent(Start.AddSeconds(2), Tenant, EventKind.Audit, null, "auth.login") { Actor = "ana" });
        await using (var db = await _contexts.CreateDbContextAsync(Ct))
        {
            db.AlarmEvents.Add(Alarm(Start.AddSeconds(3), "Raise"));
            await db.SaveChangesAsync(Ct);
        }

        await WaitForAsync(Query(), 4);

        (await Messages(Query() with { Kinds = new HashSet<EventKind> { EventKind.Connectivity } })).ShouldBe(["offline"]);
        (await Messages(Query() with { Kinds = new HashSet<EventKind> { EventKind.Alarm } })).ShouldHaveSingleItem().ShouldStartWith("vibration.hi Raise");
        (await Messages(Query() with { Kinds = new HashSet<EventKind> { EventKind.Audit, EventKind.StateChange } })).ShouldBe(["auth.login", "press state"]);
        (await Messages(Query() with { Asset = AssetPath.Parse("plant/shop") })).Count.ShouldBe(2);
        (await Messages(Query() with { Asset = Robot })).ShouldBe(["offline"]);
        (await Messages(Query() with { Asset = AssetPath.Parse("plant/sho") })).ShouldBeEmpty();
        (await Messages(Query() with { From = Start.AddSeconds(1), To = Start.AddSeconds(3) })).ShouldBe(["auth.login", "offline"]);
    }

    [Fact]
    public void A_full_queue_drops_and_counts_without_blocking()
    {
        using var journal = new EventJournal(_contexts, NullLogger<EventJournal>.Instance, capacity: 2);

        journal.Append(new PlantEvent(Start, Tenant, EventKind.StateChange, Press, "1")).ShouldBeTrue();
        journal.Append(new PlantEvent(Start, Tenant, EventKind.StateChange, Press, "2")).ShouldBeTrue();
        journal.Append(new PlantEvent(Start, Tenant, EventKind.StateChange, Press, "3")).ShouldBeFalse();

        journal.Dropped.ShouldBe(1);
    }

    [Fact]
    public async Task An_audited_action_is_journaled_with_its_kind_and_actor()
    {
        var audit = new AuditLog(_contexts, new FakeTimeProvider(new DateTimeOffset(Start.AddMinutes(5))), _journal);

        await audit.WriteAsync(Tenant, "admin", "user.create", "ana (operator)", Ct);
        await audit.WriteAsync(Tenant, "ana", "alarm.ack", "x~vibration.hi", Ct);
        await audit.WriteAsync(Tenant, "ana", "auth.login", null, Ct);

        var page = await WaitForAsync(Query(), 3);
        page.Events.Select(e => (e.Kind, e.Actor, e.Message)).ShouldBe([
            (EventKind.Audit, "ana", "auth.login"),
            (EventKind.Command, "ana", "alarm.ack: x~vibration.hi"),
            (EventKind.Configuration, "admin", "user.create: ana (operator)"),
        ]);
    }

    [Fact]
    public void Csv_rows_quote_commas_quotes_and_line_breaks()
    {
        var e = new PlantEvent(Start, Tenant, EventKind.Configuration, Press, "said \"hi\", then\nleft") { Actor = "ana,b" };

        EventCsv.Header.ShouldBe("timestamp,kind,asset,actor,message");
        EventCsv.Row(e).ShouldBe("2026-11-25T08:00:00.000Z,configuration,plant/shop/line/press-1,\"ana,b\",\"said \"\"hi\"\", then\nleft\"");
        EventCsv.Row(new PlantEvent(Start, Tenant, EventKind.Audit, null, "auth.login")).ShouldBe("2026-11-25T08:00:00.000Z,audit,,system,auth.login");
    }

    [Theory]
    [InlineData("639001234567890000-j42", true)]
    [InlineData("639001234567890000-a1", true)]
    [InlineData("639001234567890000-x1", false)]
    [InlineData("-j1", false)]
    [InlineData("12-j", false)]
    [InlineData("abc", false)]
    public void Cursors_round_trip_and_reject_garbage(string text, bool valid)
    {
        EventCursor.TryParse(text, out var cursor).ShouldBe(valid);
        if (valid)
        {
            cursor!.Value.ToString().ShouldBe(text);
        }
    }

    private static EventQuery Query() => new(Tenant, Start.AddHours(-1), Start.AddHours(1));

    private static AlarmEventEntry Alarm(DateTime timestamp, string action) => new()
    {
        Tenant = Tenant,
        Timestamp = timestamp,
        AlarmId = "plant.shop.line.press-1~vibration.hi",
        Equipment = Press.Value,
        Action = action,
        FromState = "UnackActive",
        ToState = "AckActive",
        Who = "ana",
        Comment = "bearing check",
        Priority = "High",
        Position = "control-room",
        ConditionActive = true,
    };

    private async Task<List<string>> Messages(EventQuery query) => [.. (await _journal.QueryAsync(query, Ct)).Events.Select(e => e.Message)];

    private async Task<EventPage> WaitForAsync(EventQuery query, int count)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        while (true)
        {
            var page = await _journal.QueryAsync(query, Ct);
            if (page.Events.Count >= count)
            {
                return page;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }
    }
}
