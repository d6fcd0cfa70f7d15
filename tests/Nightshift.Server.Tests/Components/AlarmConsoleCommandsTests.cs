using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
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
using Nightshift.Server.Identity;
using Nightshift.Server.Ingest;

namespace Nightshift.Server.Tests.Components;

/// <summary>
/// The commands the alarm console (and the API) run through <see cref="AlarmCommands"/>: the role is checked on the
/// server whatever the page showed, input is validated, done commands are audited, and the console is told of changes.
/// </summary>
public sealed class AlarmConsoleCommandsTests : IAsyncLifetime
{
    private const string Tenant = "demo";

    private const string Plant = """
        tenant: demo
        types:
          Press:
            tags:
              state:     { type: string }
              vibration: { type: double, unit: mm/s }
            alarms:
              vibration.hi: { tag: vibration, kind: high, limit: 7, deadband: 0.5, priority: high, message: Vibration high }
        sites:
          - id: plant
            timeZone: Europe/Berlin
            areas:
              - id: shop
                lines:
                  - id: line
                    equipment:
                      - { id: press-1, type: Press }
        """;

    private static readonly AssetPath Press = AssetPath.Parse("plant/shop/line/press-1");
    private static readonly string HiId = AlarmIds.Format(Press, "vibration.hi");

    private readonly string _folder = Directory.CreateTempSubdirectory("nightshift-alarm-console-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
    private PooledDbContextFactory<MetadataDbContext> _contexts = null!;
    private AlarmService _service = null!;
    private AlarmCommands _commands = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _contexts = await TestMetadata.CreateAsync(_folder, Ct);

        var catalog = new PlantCatalog();
        catalog.SetPlant(PlantFileLoader.Load("plants/test.yaml", Plant, Tenant));
        _service = new AlarmService(catalog, _contexts, _time, NullLogger<AlarmService>.Instance);
        _commands = new AlarmCommands(_service, new AuditLog(_contexts, _time));
    }

    public async ValueTask DisposeAsync()
    {
        await _service.StopAsync(CancellationToken.None);
        _service.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_viewer_is_refused_on_the_server_and_nothing_changes_or_is_audited()
    {
        RaiseVibration();
        var viewer = User("vera", Roles.Viewer);

        AlarmCommands.MayCommand(viewer).ShouldBeFalse();
        (await _commands.AcknowledgeAsync(viewer, HiId, "not mine", Ct)).Outcome.ShouldBe(AlarmCommandOutcome.Forbidden);
        (await _commands.ShelveAsync(viewer, HiId, "noise", 15, Ct)).Outcome.ShouldBe(AlarmCommandOutcome.Forbidden);
        (await _commands.AcknowledgeAsync(new ClaimsPrincipal(new ClaimsIdentity()), HiId, null, Ct)).Outcome.ShouldBe(AlarmCommandOutcome.Forbidden);

        _service.Get(Tenant, HiId)!.State.ShouldBe(AlarmState.UnackActive);
        (await AuditAsync()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Roles.Operator)]
    [InlineData(Roles.Engineer)]
    [InlineData(Roles.Admin)]
    public async Task An_operator_or_more_acknowledges_and_shelves_and_both_are_audited(string role)
    {
        RaiseVibration();
        var user = User("ada", role);
        AlarmCommands.MayCommand(user).ShouldBeTrue();

        var acknowledged = await _commands.AcknowledgeAsync(user, HiId, "bearing check ordered", Ct);
        acknowledged.Outcome.ShouldBe(AlarmCommandOutcome.Done);
        acknowledged.Alarm!.State.ShouldBe(AlarmState.AckActive);

        var shelved = await _commands.ShelveAsync(user, HiId, "bearing being replaced", 60, Ct);
        shelved.Outcome.ShouldBe(AlarmCommandOutcome.Done);
        shelved.Alarm!.Shelve.ShouldNotBeNull().Until.ShouldBe(_time.GetUtcNow().UtcDateTime.AddMinutes(60));
        shelved.Alarm.Shelve.Who.ShouldBe("ada");

        var audit = await AuditAsync();
        audit.Select(a => (a.Tenant, a.Actor, a.Action)).ShouldBe([(Tenant, "ada", "alarm.ack"), (Tenant, "ada", "alarm.shelve")]);
        audit[0].Details.ShouldBe(HiId + ": bearing check ordered");
        audit[1].Details.ShouldBe(HiId + " for 60 min: bearing being replaced");
    }

    [Theory]
    [InlineData(null, 30, "reason")]
    [InlineData("  ", 30, "reason")]
    [InlineData("sensor swap", 0, "minutes")]
    [InlineData("sensor swap", AlarmCommands.MaxShelveMinutes + 1, "minutes")]
    public async Task A_shelve_without_a_reason_or_with_a_duration_out_of_range_is_invalid(string? reason, int minutes, string named)
    {
        RaiseVibration();

        var result = await _commands.ShelveAsync(User("ada", Roles.Operator), HiId, reason, minutes, Ct);

        result.Outcome.ShouldBe(AlarmCommandOutcome.Invalid);
        result.Reason.ShouldNotBeNull().ShouldContain(named);
        _service.Get(Tenant, HiId)!.State.ShouldBe(AlarmState.UnackActive);
        (await AuditAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Refused_and_unknown_commands_are_reported_and_not_audited()
    {
        var user = User("ada", Roles.Operator);

        var refused = await _commands.AcknowledgeAsync(user, HiId, null, Ct);
        refused.Outcome.ShouldBe(AlarmCommandOutcome.Refused, "a normal alarm has nothing to acknowledge");
        (await _commands.UnshelveAsync(user, HiId, null, Ct)).Outcome.ShouldBe(AlarmCommandOutcome.Refused);
        (await _commands.AcknowledgeAsync(user, "plant.nowhere~vibration.hi", null, Ct)).Outcome.ShouldBe(AlarmCommandOutcome.NotFound);
        (await _commands.AcknowledgeAsync(User("ada", Roles.Operator, tenant: "other"), HiId, null, Ct)).Outcome
            .ShouldBe(AlarmCommandOutcome.NotFound, "an alarm of another tenant is not found");
        (await _commands.AcknowledgeAsync(user, HiId, new string('x', AlarmCommands.MaxTextLength + 1), Ct)).Outcome.ShouldBe(AlarmCommandOutcome.Invalid);

        (await AuditAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_console_is_told_when_the_alarms_of_its_tenant_change()
    {
        var changes = new ConcurrentQueue<string>();
        _service.Changed += (_, e) => changes.Enqueue(e.Tenant);
        _service.Changed += (_, _) => throw new InvalidOperationException("a broken subscriber");

        RaiseVibration();
        changes.ToArray().ShouldBe([Tenant], customMessage: "the activation is a change, and a failing subscriber stops neither the others nor the ingest");

        await _commands.AcknowledgeAsync(User("ada", Roles.Operator), HiId, null, Ct);
        changes.Count.ShouldBe(2);

        _service.Observe(Batch(6.9));
        changes.Count.ShouldBe(2, "a sample inside the deadband changes nothing");
    }

    private void RaiseVibration() => _service.Observe(Batch(9.5));

    private EquipmentBatch Batch(double vibration) =>
        new(Tenant, Press, [new TagSample("vibration", new Sample(new SeriesId(1), _time.GetUtcNow().UtcDateTime, SampleValue.FromDouble(vibration), Quality.Good))]);

    private async Task<List<AuditEntry>> AuditAsync()
    {
        await using var db = await _contexts.CreateDbContextAsync(Ct);
        return await db.Audit.AsNoTracking().OrderBy(a => a.Id).ToListAsync(Ct);
    }

    private static ClaimsPrincipal User(string name, string role, string tenant = Tenant) =>
        new AuthenticatedIdentity(tenant, name, role, "user").ToPrincipal("test");
}
