using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Nightshift.Core.Assets;
using Nightshift.Core.Ingest;
using Nightshift.Core.Plant;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;
using Nightshift.Server.Alarms;
using Nightshift.Server.Data;
using Nightshift.Server.Identity;
using Nightshift.Server.Ingest;
using Nightshift.Server.Live;
using Nightshift.Server.Notifications;

namespace Nightshift.Server.Tests.Notifications;

/// <summary>
/// Webhooks end to end inside one process: real alarm transitions and state changes, the outbox in a SQLite metadata
/// database, and a real Kestrel receiver. Retries are driven by a <see cref="FakeTimeProvider"/> (backoff 1 min, 2 min, no
/// jitter, 3 attempts), the sender woken after each advance.
/// </summary>
public sealed class WebhookServiceTests : IAsyncLifetime
{
    private const string Tenant = "demo";

    private const string Plant = """
        tenant: demo
        types:
          Press:
            tags:
              state:     { type: string }
              vibration: { type: double, unit: mm/s }
              force:     { type: double, unit: kN }
            alarms:
              vibration.hi: { tag: vibration, kind: high, limit: 7, priority: high, class: process }
              force.hihi:   { tag: force, kind: highHigh, limit: 900, priority: urgent, class: safety }
        sites:
          - id: plant
            timeZone: UTC
            areas:
              - id: shop-a
                lines:
                  - id: line
                    equipment:
                      - { id: press-1, type: Press }
              - id: shop-b
                lines:
                  - id: line
                    equipment:
                      - { id: press-2, type: Press }
        """;

    private static readonly AssetPath Press1 = AssetPath.Parse("plant/shop-a/line/press-1");
    private static readonly AssetPath Press2 = AssetPath.Parse("plant/shop-b/line/press-2");

    private readonly string _folder = Directory.CreateTempSubdirectory("nightshift-webhooks-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
    private readonly ClaimsPrincipal _admin = Principal(Roles.Admin);
    private readonly RecordingLogger<WebhookService> _log = new();
    private PooledDbContextFactory<MetadataDbContext> _contexts = null!;
    private AlarmService _alarms = null!;
    private LiveBus _live = null!;
    private WebhookService _service = null!;
    private WebhookRegistry _registry = null!;
    private WebhookReceiver _receiver = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _contexts = await TestMetadata.CreateAsync(_folder, Ct);

        var catalog = new PlantCatalog();
        catalog.SetPlant(PlantFileLoader.Load("plants/test.yaml", Plant, Tenant));
        _alarms = new AlarmService(catalog, _contexts, _time, NullLogger<AlarmService>.Instance);
        _live = new LiveBus(NullLogger<LiveBus>.Instance);
        var webhookOptions = new WebhookOptions
        {
            MaxAttempts = 3,
            FirstRetryDelay = TimeSpan.FromMinutes(1),
            Jitter = 0,
            PollInterval = TimeSpan.FromHours(1),
            Timeout = TimeSpan.FromSeconds(10),
        };
        _service = new WebhookService(_contexts, _alarms, _live, _time, Options.Create(webhookOptions), _log);
        _registry = new WebhookRegistry(_contexts, _service, new AuditLog(_contexts, _time), _time);
        _receiver = await WebhookReceiver.StartAsync(Ct);
        await _service.StartAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _service.StopAsync(CancellationToken.None);
        _service.Dispose();
        _alarms.Dispose();
        await _receiver.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        _log.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_alarm_transition_is_posted_as_signed_json_that_the_receiver_verifies()
    {
        var webhook = await CreateAsync("control room", _receiver.Url, ["alarm"]);
        webhook.Secret.Length.ShouldBeGreaterThanOrEqualTo(32);

        Feed(Press1, ("vibration", 9.5));

        var received = (await _receiver.WaitForAsync(1, Ct)).ShouldHaveSingleItem();
        WebhookSignature.Verify(webhook.Secret, received.Body, received.Signature).ShouldBeTrue();
        WebhookSignature.Verify("another secret of enough length", received.Body, received.Signature).ShouldBeFalse();
        received.Signature.ShouldStartWith("sha256=");
        received.ContentType.ShouldStartWith("application/json");
        received.Event.ShouldBe("alarm");
        long.Parse(received.Timestamp, CultureInfo.InvariantCulture).ShouldBe(_time.GetUtcNow().ToUnixTimeSeconds());
        var json = received.Json;
        json.GetProperty("kind").GetString().ShouldBe("alarm");
        json.GetProperty("tenant").GetString().ShouldBe(Tenant);
        json.GetProperty("asset").GetString().ShouldBe(Press1.Value);
        json.GetProperty("timestamp").GetDateTime().ToUniversalTime().ShouldBe(_time.GetUtcNow().UtcDateTime);
        var data = json.GetProperty("data");
        data.GetProperty("alarm").GetString().ShouldBe(AlarmIds.Format(Press1, "vibration.hi"));
        data.GetProperty("action").GetString().ShouldBe("activate");
        data.GetProperty("to").GetString().ShouldBe("UnackActive");
        data.GetProperty("priority").GetInt32().ShouldBe(2);
        data.GetProperty("class").GetString().ShouldBe("process");

        var delivery = (await WaitForDeliveriesAsync(webhook.Id, d => d.Count == 1 && d[0].State == WebhookDeliveryStates.Delivered)).Single();
        delivery.DeliveryId.ShouldBe(received.DeliveryId);
        delivery.Attempts.ShouldBe(1);
        delivery.LastStatus.ShouldBe(200);
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_with_exponential_backoff_until_the_receiver_takes_it()
    {
        var webhook = await CreateAsync("flaky", _receiver.Url, ["alarm"]);
        _receiver.Answers.Enqueue(500);
        _receiver.Answers.Enqueue(503);

        Feed(Press1, ("vibration", 9.5));
        await _receiver.WaitForAsync(1, Ct);
        var first = (await WaitForDeliveriesAsync(webhook.Id, d => d.Single().Attempts == 1)).Single();
        first.State.ShouldBe(WebhookDeliveryStates.Pending);
        first.LastStatus.ShouldBe(500);
        first.NextAttemptAt.ShouldBe(_time.GetUtcNow().UtcDateTime.AddMinutes(1));

        _time.Advance(TimeSpan.FromSeconds(59));
        (await _service.RunDueAsync(Ct)).ShouldBe(0, "the retry is not due before its backoff");
        _time.Advance(TimeSpan.FromSeconds(1));
        _service.Wake();
        await _receiver.WaitForAsync(2, Ct);
        var second = (await WaitForDeliveriesAsync(webhook.Id, d => d.Single().Attempts == 2)).Single();
        second.NextAttemptAt.ShouldBe(_time.GetUtcNow().UtcDateTime.AddMinutes(2), "the delay doubles");

        _time.Advance(TimeSpan.FromMinutes(2));
        _service.Wake();
        var all = await _receiver.WaitForAsync(3, Ct);
        var delivered = (await WaitForDeliveriesAsync(webhook.Id, d => d.Single().State == WebhookDeliveryStates.Delivered)).Single();
        delivered.Attempts.ShouldBe(3);
        all.Select(r => r.Answered).ShouldBe([500, 503, 200]);
        all.Select(r => r.DeliveryId).Distinct().ShouldHaveSingleItem("every attempt carries the same delivery id");
        all.Select(r => Convert.ToHexString(r.Body)).Distinct().ShouldHaveSingleItem("and the same body");
    }

    [Fact]
    public async Task After_the_last_attempt_a_delivery_is_dead_lettered_and_a_redeliver_sends_it_again()
    {
        var webhook = await CreateAsync("down", _receiver.Url, ["alarm"]);
        for (var i = 0; i < 3; i++)
        {
            _receiver.Answers.Enqueue(500);
        }

        Feed(Press1, ("vibration", 9.5));
        await _receiver.WaitForAsync(1, Ct);
        await WaitForDeliveriesAsync(webhook.Id, d => d.Single().Attempts == 1);
        _time.Advance(TimeSpan.FromMinutes(1));
        _service.Wake();
        await WaitForDeliveriesAsync(webhook.Id, d => d.Single().Attempts == 2);
        _time.Advance(TimeSpan.FromMinutes(2));
        _service.Wake();

        var dead = (await WaitForDeliveriesAsync(webhook.Id, d => d.Single().State == WebhookDeliveryStates.Dead)).Single();
        dead.Attempts.ShouldBe(3);
        dead.LastError.ShouldNotBeNull().ShouldContain("500");
        var listed = await _registry.DeliveriesAsync(_admin, webhook.Id, WebhookDeliveryStates.Dead, 100, Ct);
        listed.Value.ShouldNotBeNull().ShouldHaveSingleItem().DeliveryId.ShouldBe(dead.DeliveryId);
        (await _registry.DeliveriesAsync(_admin, webhook.Id, WebhookDeliveryStates.Pending, 100, Ct)).Value.ShouldBeEmpty();
        _time.Advance(TimeSpan.FromHours(2));
        (await _service.RunDueAsync(Ct)).ShouldBe(0, "a dead delivery is not tried again by itself");

        var redelivered = await _registry.RedeliverAsync(_admin, webhook.Id, dead.DeliveryId, Ct);
        redelivered.Outcome.ShouldBe(WebhookOutcome.Done);
        var received = await _receiver.WaitForAsync(4, Ct);
        received[3].DeliveryId.ShouldBe(dead.DeliveryId);
        received[3].Answered.ShouldBe(200);
        (await WaitForDeliveriesAsync(webhook.Id, d => d.Single().State == WebhookDeliveryStates.Delivered)).Single().Attempts.ShouldBe(1);
    }

    [Fact]
    public async Task A_receiver_that_answers_410_gone_disables_its_webhook()
    {
        var webhook = await CreateAsync("retired", _receiver.Url, ["alarm"]);
        _receiver.Answers.Enqueue(410);

        Feed(Press1, ("vibration", 9.5));
        await _receiver.WaitForAsync(1, Ct);
        var dead = (await WaitForDeliveriesAsync(webhook.Id, d => d.Single().State == WebhookDeliveryStates.Dead)).Single();
        dead.Attempts.ShouldBe(1);
        var stored = (await _registry.GetAsync(_admin, webhook.Id, Ct)).Value.ShouldNotBeNull();
        stored.Enabled.ShouldBeFalse();
        stored.DisabledReason.ShouldNotBeNull().ShouldContain("410");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (_service.HasWebhooks(Tenant))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the disabled webhook is still routed to");
            await Task.Delay(10, Ct);
        }

        Feed(Press1, ("vibration", 1));
        (await _registry.DeliveriesAsync(_admin, webhook.Id, null, 100, Ct)).Value.ShouldNotBeNull().Count.ShouldBe(1, "nothing more is queued for a disabled webhook");
    }

    [Fact]
    public async Task Webhooks_receive_only_the_events_their_kinds_priority_area_and_class_route_to_them()
    {
        var urgent = await CreateAsync("urgent only", _receiver.Url + "?w=urgent", ["alarm"], maxPriority: 1);
        var shopB = await CreateAsync("shop b", _receiver.Url + "?w=shop-b", ["alarm"], area: "plant/shop-b");
        var safety = await CreateAsync("safety", _receiver.Url + "?w=safety", ["alarm"], alarmClass: "safety");
        var operations = await CreateAsync("operations", _receiver.Url + "?w=operations", ["stateChange", "command"]);

        Feed(Press1, ("vibration", 9.5));            // high, process, shop A: nobody's alarms
        Feed(Press2, ("vibration", 9.5));            // high, process, shop B: shop b
        Feed(Press1, ("force", 950));                // urgent, safety, shop A: urgent only and safety
        _alarms.Acknowledge(Tenant, AlarmIds.Format(Press1, "vibration.hi"), "ada", "seen").Outcome.ShouldBe(AlarmCommandOutcome.Done); // a command: operations
        _live.Publish(new LiveUpdate(Tenant, Press1.Value, []) { State = "Down" }); // a state change: operations

        // The router handles events in order, so once the last one is in the outbox, every earlier one is too.
        await WaitForDeliveriesAsync(operations.Id, d => d.Count == 2);
        await _receiver.WaitForAsync(5, Ct);

        (await Kinds(urgent.Id)).ShouldBe(["alarm:force.hihi"]);
        (await Kinds(shopB.Id)).ShouldBe(["alarm:vibration.hi"]);
        (await Kinds(safety.Id)).ShouldBe(["alarm:force.hihi"]);
        (await Kinds(operations.Id)).ShouldBe(["command:alarm.ack", "stateChange:Down"], ignoreOrder: true);
        _receiver.Received.Count(r => r.Query == "?w=operations").ShouldBe(2);
    }

    [Fact]
    public async Task Only_admins_manage_webhooks_and_invalid_definitions_are_refused()
    {
        var operatorUser = Principal(Roles.Operator);
        (await _registry.ListAsync(operatorUser, Ct)).Outcome.ShouldBe(WebhookOutcome.Forbidden);
        (await _registry.CreateAsync(operatorUser, Definition("x", _receiver.Url, ["alarm"]), Ct)).Outcome.ShouldBe(WebhookOutcome.Forbidden);

        (await _registry.CreateAsync(_admin, Definition("x", "ftp://example.com/hook", ["alarm"]), Ct)).Outcome.ShouldBe(WebhookOutcome.Invalid);
        (await _registry.CreateAsync(_admin, Definition("x", _receiver.Url, ["weather"]), Ct)).Outcome.ShouldBe(WebhookOutcome.Invalid);
        (await _registry.CreateAsync(_admin, Definition("x", _receiver.Url, []), Ct)).Outcome.ShouldBe(WebhookOutcome.Invalid);
        (await _registry.CreateAsync(_admin, Definition("x", _receiver.Url, ["alarm"]) with { MaxPriority = 5 }, Ct)).Outcome.ShouldBe(WebhookOutcome.Invalid);
        (await _registry.CreateAsync(_admin, Definition("x", _receiver.Url, ["alarm"]) with { Secret = "short" }, Ct)).Outcome.ShouldBe(WebhookOutcome.Invalid);
        (await _registry.CreateAsync(_admin, Definition("x", _receiver.Url, ["alarm"]) with { Area = "not a//path" }, Ct)).Outcome.ShouldBe(WebhookOutcome.Invalid);

        var created = await CreateAsync("audited", _receiver.Url, ["alarm"]);
        (await _registry.DeleteAsync(_admin, created.Id, Ct)).Outcome.ShouldBe(WebhookOutcome.Done);
        (await _registry.GetAsync(_admin, created.Id, Ct)).Outcome.ShouldBe(WebhookOutcome.NotFound);
        (await _registry.GetAsync(Principal(Roles.Admin, "other"), created.Id, Ct)).Outcome.ShouldBe(WebhookOutcome.NotFound);

        await using var db = await _contexts.CreateDbContextAsync(Ct);
        var audit = await db.Audit.Where(a => a.Action.StartsWith("webhook.")).Select(a => a.Action).ToListAsync(Ct);
        audit.ShouldBe(["webhook.create", "webhook.delete"]);
    }

    [Fact]
    public async Task Deliveries_waiting_in_the_outbox_are_sent_after_a_restart()
    {
        var webhook = await CreateAsync("patient", _receiver.Url, ["alarm"]);
        _receiver.Answers.Enqueue(500);
        Feed(Press1, ("vibration", 9.5));
        await WaitForDeliveriesAsync(webhook.Id, d => d.Single().Attempts == 1);

        await _service.StopAsync(Ct);
        _service.Dispose();
        _time.Advance(TimeSpan.FromMinutes(1));
        var options = Options.Create(new WebhookOptions { MaxAttempts = 3, FirstRetryDelay = TimeSpan.FromMinutes(1), Jitter = 0, PollInterval = TimeSpan.FromHours(1) });
        _service = new WebhookService(_contexts, _alarms, _live, _time, options, _log);
        await _service.StartAsync(Ct);

        var received = await _receiver.WaitForAsync(2, Ct);
        received[1].Answered.ShouldBe(200);
        received[1].DeliveryId.ShouldBe(received[0].DeliveryId);
    }

    private async Task<List<string>> Kinds(long webhookId)
    {
        var deliveries = (await _registry.DeliveriesAsync(_admin, webhookId, null, 100, Ct)).Value.ShouldNotBeNull();
        return [.. deliveries.Select(d =>
        {
            var data = JsonDocument.Parse(d.Body).RootElement.GetProperty("data");
            var detail = d.Kind switch
            {
                "alarm" => data.GetProperty("alarm").GetString()!.Split('~')[1],
                "command" => data.GetProperty("action").GetString()!,
                _ => data.GetProperty("state").GetString()!,
            };
            return d.Kind + ":" + detail;
        })];
    }

    private async Task<WebhookSubscription> CreateAsync(string name, string url, IReadOnlyList<string> kinds, int? maxPriority = null, string? area = null, string? alarmClass = null)
    {
        var result = await _registry.CreateAsync(_admin, Definition(name, url, kinds) with { MaxPriority = maxPriority, Area = area, Class = alarmClass }, Ct);
        result.Outcome.ShouldBe(WebhookOutcome.Done, result.Reason);
        return result.Value!;
    }

    private static WebhookDefinition Definition(string name, string url, IReadOnlyList<string> kinds) => new(name, url, null, kinds, null, null, null, null);

    private async Task<IReadOnlyList<WebhookDelivery>> WaitForDeliveriesAsync(long webhookId, Func<IReadOnlyList<WebhookDelivery>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var deliveries = (await _registry.DeliveriesAsync(_admin, webhookId, null, 100, Ct)).Value ?? [];
            if (deliveries.Count > 0 && done(deliveries))
            {
                return deliveries;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, $"the deliveries of webhook {webhookId} did not reach the expected state: {string.Join("; ", deliveries.Select(d => $"{d.State} after {d.Attempts}: {d.Body}"))}");
            await Task.Delay(10, Ct);
        }
    }

    private void Feed(AssetPath equipment, params (string Tag, double Value)[] samples) =>
        _alarms.Observe(new EquipmentBatch(Tenant, equipment, [.. samples.Select((s, i) => new TagSample(s.Tag, new Sample(new SeriesId(i + 1), _time.GetUtcNow().UtcDateTime, SampleValue.FromDouble(s.Value), Quality.Good)))]));

    private static ClaimsPrincipal Principal(string role, string tenant = Tenant) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "root"), new Claim(NightshiftClaims.Tenant, tenant), new Claim(ClaimTypes.Role, role)], "test"));
}
