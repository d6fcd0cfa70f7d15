using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Nightshift.Core.Alarms;
using Nightshift.Core.Assets;
using Nightshift.Core.Ingest;
using Nightshift.Core.Plant;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;
using Nightshift.Server.Alarms;
using Nightshift.Server.Data;
using Nightshift.Server.Ingest;

namespace Nightshift.Server.Tests.Alarms;

/// <summary>The alarm states survive a restart of the alarm service over the same metadata database.</summary>
public sealed class AlarmStatePersistenceTests : IAsyncLifetime
{
    private const string Tenant = "demo";

    private const string Plant = """
        tenant: demo
        types:
          Press:
            tags:
              state:       { type: string }
              vibration:   { type: double, unit: mm/s }
              temperature: { type: double, unit: °C }
              force:       { type: double, unit: kN }
            alarms:
              vibration.hi:   { tag: vibration, kind: high, limit: 7, deadband: 0.5, priority: high }
              temperature.hi: { tag: temperature, kind: high, limit: 80, priority: medium }
              force.hi:       { tag: force, kind: high, limit: 500, priority: urgent, latching: true }
        sites:
          - id: plant
            timeZone: UTC
            areas:
              - id: shop
                lines:
                  - id: line
                    equipment:
                      - { id: press-1, type: Press }
                      - { id: press-2, type: Press }
        """;

    private static readonly AssetPath Press1 = AssetPath.Parse("plant/shop/line/press-1");
    private static readonly AssetPath Press2 = AssetPath.Parse("plant/shop/line/press-2");
    private static readonly string Vibration = AlarmIds.Format(Press1, "vibration.hi");
    private static readonly string Temperature = AlarmIds.Format(Press1, "temperature.hi");
    private static readonly string Force = AlarmIds.Format(Press1, "force.hi");
    private static readonly string Suppressed = AlarmIds.Format(Press2, "vibration.hi");

    private readonly string _folder = Directory.CreateTempSubdirectory("nightshift-alarm-states-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
    private readonly PlantCatalog _catalog = new();
    private readonly Notifications.RecordingLogger<AlarmService> _log = new();
    private PooledDbContextFactory<MetadataDbContext> _contexts = null!;
    private AlarmService? _service;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    public async ValueTask InitializeAsync()
    {
        _contexts = await TestMetadata.CreateAsync(_folder, Ct);

        _catalog.SetPlant(PlantFileLoader.Load("plants/test.yaml", Plant, Tenant));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        _log.Entries.ShouldBeEmpty();
    }

    [Fact]
    public async Task Acknowledged_shelved_latched_and_suppressed_alarms_keep_their_state_across_a_restart()
    {
        var before = await StartAsync();
        Feed(before, Press1, ("vibration", 9.5), ("temperature", 95), ("force", 650));
        Feed(before, Press1, ("force", 100)); // the latched alarm's condition clears; it stays unacknowledged
        Feed(before, Press2, ("state", "Down"), ("vibration", 9.5));
        _time.Advance(TimeSpan.FromSeconds(30));
        before.Acknowledge(Tenant, Vibration, "ada", "bearing check ordered").Outcome.ShouldBe(AlarmCommandOutcome.Done);
        before.Shelve(Tenant, Temperature, "ada", "sensor being replaced", TimeSpan.FromMinutes(30)).Outcome.ShouldBe(AlarmCommandOutcome.Done);
        var expected = Snapshots(before);

        await StopAsync();
        _time.Advance(TimeSpan.FromMinutes(5));
        var after = await StartAsync();

        after.RestoredCount.ShouldBe(6, "three alarms of press 1 and the three suppressed ones of press 2");
        Snapshots(after).ShouldBe(expected);
        Alarm(after, Vibration).State.ShouldBe(AlarmState.AckActive);
        Alarm(after, Temperature).State.ShouldBe(AlarmState.Shelved);
        Alarm(after, Temperature).Shelve!.Reason.ShouldBe("sensor being replaced");
        Alarm(after, Force).State.ShouldBe(AlarmState.UnackActive);
        Alarm(after, Force).ConditionActive.ShouldBeFalse();
        Alarm(after, Suppressed).State.ShouldBe(AlarmState.SuppressedByDesign);
        after.RecentEvents(Tenant).ShouldBeEmpty("a restored alarm carries on without a transition");
    }

    [Fact]
    public async Task A_restored_condition_returns_with_the_next_sample_and_is_not_raised_twice()
    {
        var before = await StartAsync();
        Feed(before, Press1, ("vibration", 9.5));
        before.Acknowledge(Tenant, Vibration, "ada", null);
        await StopAsync();

        var after = await StartAsync();
        Feed(after, Press1, ("vibration", 9.8));
        Alarm(after, Vibration).State.ShouldBe(AlarmState.AckActive, "still over the limit: no new annunciation");
        after.RecentEvents(Tenant).ShouldBeEmpty();

        Feed(after, Press1, ("vibration", 3));
        Alarm(after, Vibration).State.ShouldBe(AlarmState.Normal);
        after.RecentEvents(Tenant).Single().Action.ShouldBe(AlarmAction.Return);
    }

    [Fact]
    public async Task A_shelve_ends_at_its_time_after_a_restart_also_when_the_time_passed_while_the_node_was_down()
    {
        var before = await StartAsync();
        Feed(before, Press1, ("vibration", 9.5), ("temperature", 95));
        var until = Now.AddMinutes(10);
        before.Shelve(Tenant, Vibration, "ada", "maintenance", TimeSpan.FromMinutes(10));
        before.Shelve(Tenant, Temperature, "ada", "maintenance", TimeSpan.FromMinutes(60));
        await StopAsync();

        _time.Advance(TimeSpan.FromMinutes(20)); // the node was down past the first shelve's end
        var after = await StartAsync();
        after.Tick();

        Alarm(after, Vibration).State.ShouldBe(AlarmState.UnackActive, "the shelve ran out and the condition is still active");
        var expired = after.RecentEvents(Tenant).Single(e => e.AlarmId == Vibration);
        expired.Action.ShouldBe(AlarmAction.ShelveExpired);
        until.ShouldBeLessThan(expired.Timestamp);
        Alarm(after, Temperature).State.ShouldBe(AlarmState.Shelved, "shelved until its own time");

        _time.Advance(TimeSpan.FromMinutes(40));
        after.Tick();
        Alarm(after, Temperature).State.ShouldBe(AlarmState.UnackActive);
    }

    private async Task<AlarmService> StartAsync()
    {
        _service = new AlarmService(_catalog, _contexts, _time, _log);
        await _service.StartAsync(Ct);
        return _service;
    }

    /// <summary>Stops the service; its writer saves what is queued (events and states) before it ends.</summary>
    private async Task StopAsync()
    {
        if (_service is { } service)
        {
            _service = null;
            await service.StopAsync(CancellationToken.None);
            service.Dispose();
        }
    }

    private void Feed(AlarmService service, AssetPath equipment, params (string Tag, object Value)[] samples) =>
        service.Observe(new EquipmentBatch(Tenant, equipment, [.. samples.Select((s, i) => new TagSample(
            s.Tag,
            new Sample(new SeriesId(i + 1), Now, s.Value is string text ? SampleValue.FromString(text) : SampleValue.FromDouble(Convert.ToDouble(s.Value, System.Globalization.CultureInfo.InvariantCulture)), Quality.Good)))]));

    private static AlarmSnapshot Alarm(AlarmService service, string id) => service.Get(Tenant, id).ShouldNotBeNull();

    private static List<(string Id, AlarmState State, bool ConditionActive, DateTime Since, DateTime? ShelvedUntil)> Snapshots(AlarmService service) =>
        [.. service.List(Tenant).Select(a => (a.Id, a.State, a.ConditionActive, a.Since, a.Shelve?.Until))];
}
