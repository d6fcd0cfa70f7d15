using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
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

public sealed class AlarmServiceTests : IAsyncLifetime
{
    private const string Tenant = "demo";

    private const string Plant = """
        tenant: demo
        types:
          Press:
            tags:
              state:     { type: string }
              vibration: { type: double, unit: mm/s }
              power:     { type: double, unit: kW }
            alarms:
              vibration.hi: { tag: vibration, kind: high, limit: 7, deadband: 0.5, priority: high, message: Vibration high }
              power.stale:  { tag: power, kind: stale, staleAfter: 1m }
              state.down:   { tag: state, kind: digital, values: [Down], priority: high, message: Machine down }
          Meter:
            stateModel: utility
            tags:
              power: { type: double, unit: kW }
        sites:
          - id: plant
            timeZone: UTC
            areas:
              - id: shop
                lines:
                  - id: line
                    equipment:
                      - { id: press-1, type: Press }
                      - { id: meter-1, type: Meter }
        """;

    private static readonly AssetPath Press = AssetPath.Parse("plant/shop/line/press-1");
    private static readonly string HiId = AlarmIds.Format(Press, "vibration.hi");
    private static readonly string StaleId = AlarmIds.Format(Press, "power.stale");
    private static readonly string DownId = AlarmIds.Format(Press, "state.down");

    private readonly string _folder = Directory.CreateTempSubdirectory("nightshift-alarms-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
    private PooledDbContextFactory<MetadataDbContext> _contexts = null!;
    private AlarmService _service = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    public async ValueTask InitializeAsync()
    {
        _contexts = await TestMetadata.CreateAsync(_folder, Ct);

        var catalog = new PlantCatalog();
        catalog.SetPlant(PlantFileLoader.Load("plants/test.yaml", Plant, Tenant));
        _service = new AlarmService(catalog, _contexts, _time, NullLogger<AlarmService>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        await _service.StopAsync(CancellationToken.None);
        _service.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void A_sample_over_the_limit_raises_an_alarm_that_is_acknowledged_and_returns_to_normal()
    {
        Feed(("vibration", SampleValue.FromDouble(9.5)));
        var raised = Alarm(HiId);
        raised.State.ShouldBe(AlarmState.UnackActive);
        raised.ConditionActive.ShouldBeTrue();
        raised.Since.ShouldBe(Now);
        _service.List(Tenant).Where(a => a.IsActive).Select(a => a.Id).ShouldBe([HiId]);

        _time.Advance(TimeSpan.FromSeconds(20));
        var acknowledged = _service.Acknowledge(Tenant, HiId, "ada", "checking the bearing");
        acknowledged.Outcome.ShouldBe(AlarmCommandOutcome.Done);
        acknowledged.Alarm!.State.ShouldBe(AlarmState.AckActive);

        Feed(("vibration", SampleValue.FromDouble(6.8)));
        Alarm(HiId).State.ShouldBe(AlarmState.AckActive, "inside the deadband the alarm stays active");
        Feed(("vibration", SampleValue.FromDouble(6.0)));
        Alarm(HiId).State.ShouldBe(AlarmState.Normal);

        var events = _service.RecentEvents(Tenant).Where(e => e.AlarmId == HiId).ToList();
        events.Select(e => (e.Action, e.From, e.To, e.Who)).ShouldBe(
        [
            (AlarmAction.Activate, AlarmState.Normal, AlarmState.UnackActive, "system"),
            (AlarmAction.Acknowledge, AlarmState.UnackActive, AlarmState.AckActive, "ada"),
            (AlarmAction.Return, AlarmState.AckActive, AlarmState.Normal, "system"),
        ]);
        events[1].Comment.ShouldBe("checking the bearing");
        events[1].Timestamp.ShouldBe(events[0].Timestamp.AddSeconds(20));
        events[0].Priority.ShouldBe(AlarmPriority.High);
    }

    [Fact]
    public void Alarms_are_suppressed_by_design_while_the_equipment_is_down_or_in_changeover()
    {
        Feed(("state", SampleValue.FromString("Down")), ("vibration", SampleValue.FromDouble(9.5)));
        var hidden = Alarm(HiId);
        hidden.State.ShouldBe(AlarmState.SuppressedByDesign);
        hidden.ConditionActive.ShouldBeTrue();
        var refused = _service.Acknowledge(Tenant, HiId, "ada", null);
        refused.Outcome.ShouldBe(AlarmCommandOutcome.Refused);
        refused.Reason.ShouldNotBeNullOrWhiteSpace();

        Feed(("state", SampleValue.FromString("Running")));
        Alarm(HiId).State.ShouldBe(AlarmState.UnackActive, "the alarm is annunciated once the equipment runs with the condition still active");

        Feed(("state", SampleValue.FromString("Changeover")));
        Alarm(HiId).State.ShouldBe(AlarmState.SuppressedByDesign);
        Alarm(StaleId).State.ShouldBe(AlarmState.SuppressedByDesign);
    }

    [Fact]
    public void An_alarm_on_the_state_itself_is_not_suppressed_by_the_state_it_annunciates()
    {
        Feed(("state", SampleValue.FromString("Down")), ("vibration", SampleValue.FromDouble(9.5)));

        Alarm(DownId).State.ShouldBe(AlarmState.UnackActive, "the failure is what the operator must see");
        Alarm(HiId).State.ShouldBe(AlarmState.SuppressedByDesign);

        Feed(("state", SampleValue.FromString("Running")));
        Alarm(DownId).State.ShouldBe(AlarmState.UnackRtn);
    }

    [Fact]
    public void An_older_state_sample_does_not_change_the_suppression()
    {
        Feed(("state", SampleValue.FromString("Running")));
        var earlier = Now.AddSeconds(-5);
        _service.Observe(new EquipmentBatch(Tenant, Press, [new TagSample("state", new Sample(new SeriesId(1), earlier, SampleValue.FromString("Down"), Quality.Good))]));

        Alarm(HiId).State.ShouldBe(AlarmState.Normal);
    }

    [Fact]
    public void Stale_data_raises_an_alarm_on_the_timer_even_for_equipment_that_never_sent()
    {
        _service.Tick();
        Alarm(StaleId).State.ShouldBe(AlarmState.Normal);

        _time.Advance(TimeSpan.FromSeconds(61));
        _service.Tick();

        Alarm(StaleId).State.ShouldBe(AlarmState.UnackActive);
        Feed(("power", SampleValue.FromDouble(250)));
        Alarm(StaleId).State.ShouldBe(AlarmState.UnackRtn);
    }

    [Fact]
    public async Task The_running_service_ticks_on_its_timer()
    {
        await _service.StartAsync(Ct);

        // Each advance lets the one-second timer fire; the tick runs on the thread pool, so the clock is moved on until it has.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_service.Get(Tenant, StaleId)?.State != AlarmState.UnackActive)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the timer did not raise the stale data alarm");
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5, Ct);
        }

        Alarm(StaleId).ConditionActive.ShouldBeTrue();
    }

    [Fact]
    public void A_shelved_alarm_is_hidden_until_its_time_runs_out()
    {
        Feed(("vibration", SampleValue.FromDouble(9.5)));

        var shelved = _service.Shelve(Tenant, HiId, "ada", "sensor being replaced", TimeSpan.FromMinutes(10));

        shelved.Outcome.ShouldBe(AlarmCommandOutcome.Done);
        shelved.Alarm!.State.ShouldBe(AlarmState.Shelved);
        shelved.Alarm.Shelve!.Until.ShouldBe(Now.AddMinutes(10));
        _service.Shelve(Tenant, HiId, "ada", "again", TimeSpan.FromMinutes(10)).Outcome.ShouldBe(AlarmCommandOutcome.Refused);

        _time.Advance(TimeSpan.FromMinutes(10));
        _service.Tick();

        Alarm(HiId).State.ShouldBe(AlarmState.UnackActive);
        _service.RecentEvents(Tenant).ShouldContain(e => e.AlarmId == HiId && e.Action == AlarmAction.ShelveExpired);
    }

    [Fact]
    public void Unknown_alarms_and_equipment_without_alarms_are_not_found()
    {
        _service.Acknowledge(Tenant, AlarmIds.Format(Press, "nope"), "ada", null).Outcome.ShouldBe(AlarmCommandOutcome.NotFound);
        _service.Acknowledge(Tenant, AlarmIds.Format(AssetPath.Parse("plant/shop/line/meter-1"), "power.hi"), "ada", null).Outcome.ShouldBe(AlarmCommandOutcome.NotFound);
        _service.Acknowledge("other", HiId, "ada", null).Outcome.ShouldBe(AlarmCommandOutcome.NotFound);
        _service.Acknowledge(Tenant, "not an id", "ada", null).Outcome.ShouldBe(AlarmCommandOutcome.NotFound);
        _service.Acknowledge(Tenant, HiId, "ada", null).Outcome.ShouldBe(AlarmCommandOutcome.Refused, "a normal alarm has nothing to acknowledge");
        _service.List(Tenant).Select(a => a.Id).ShouldBe([StaleId, HiId, DownId], ignoreOrder: true);
    }

    [Fact]
    public async Task Every_transition_is_stored_with_who_and_when_and_counted_by_the_kpis()
    {
        await _service.StartAsync(Ct);
        var start = Now;
        Feed(("vibration", SampleValue.FromDouble(9.5)));
        _time.Advance(TimeSpan.FromSeconds(5));
        _service.Acknowledge(Tenant, HiId, "ada", "seen");
        Feed(("vibration", SampleValue.FromDouble(1)));

        var stored = await PollAsync(async () => await _service.ReadEventsAsync(Tenant, start, start.AddHours(1), Ct), e => e.Count(x => x.AlarmId == HiId) == 3);

        var acknowledgement = stored.Single(e => e.AlarmId == HiId && e.Action == AlarmAction.Acknowledge);
        acknowledgement.Who.ShouldBe("ada");
        acknowledgement.Comment.ShouldBe("seen");
        acknowledgement.Timestamp.ShouldBe(start.AddSeconds(5));
        acknowledgement.Timestamp.Kind.ShouldBe(DateTimeKind.Utc);
        acknowledgement.Priority.ShouldBe(AlarmPriority.High);

        var kpis = await _service.ComputeKpisAsync(Tenant, start, start.AddHours(1), Ct);
        kpis.Annunciations.ShouldBe(1);
        kpis.BadActors.ShouldHaveSingleItem().AlarmId.ShouldBe(HiId);
        kpis.Priorities.ShouldContain(p => p.Priority == AlarmPriority.High && p.Annunciations == 1);
    }

    [Theory]
    [InlineData("stuttgart/press-shop/press-line/presses/press-1", "vibration.hi", "stuttgart.press-shop.press-line.presses.press-1~vibration.hi")]
    [InlineData("site/area/line/eq_2", "a-b", "site.area.line.eq_2~a-b")]
    public void Alarm_ids_are_url_safe_and_read_back(string path, string definition, string id)
    {
        AlarmIds.Format(AssetPath.Parse(path), definition).ShouldBe(id);
        Uri.EscapeDataString(id).ShouldBe(id);

        AlarmIds.TryParse(id, out var equipment, out var definitionId).ShouldBeTrue();
        equipment!.Value.ShouldBe(path);
        definitionId.ShouldBe(definition);
    }

    [Theory]
    [InlineData("")]
    [InlineData("~a")]
    [InlineData("site.area~")]
    [InlineData("site~a~b")]
    [InlineData("site..x~a")]
    public void Malformed_alarm_ids_are_refused(string id) =>
        AlarmIds.TryParse(id, out _, out _).ShouldBeFalse();

    private void Feed(params (string Tag, SampleValue Value)[] samples) =>
        _service.Observe(new EquipmentBatch(Tenant, Press, [.. samples.Select((s, i) => new TagSample(s.Tag, new Sample(new SeriesId(i + 1), Now, s.Value, Quality.Good)))]));

    private AlarmSnapshot Alarm(string id) => _service.Get(Tenant, id).ShouldNotBeNull();

    private static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, "the condition did not hold within 10 s");
            await Task.Delay(20, Ct);
        }
    }
}
