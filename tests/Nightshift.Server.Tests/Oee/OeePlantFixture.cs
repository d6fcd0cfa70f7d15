using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Nightshift.Core.Assets;
using Nightshift.Core.Plant;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;
using Nightshift.Historian;
using Nightshift.Server.Data;
using Nightshift.Server.Identity;
using Nightshift.Server.Ingest;
using Nightshift.Server.Oee;
using Nightshift.Server.Orders;

namespace Nightshift.Server.Tests.Oee;

/// <summary>
/// A node's OEE path with real parts: a DuckDB historian and a SQLite metadata database in a temporary folder, the plant
/// catalog with a small plant (site in UTC, the scripted day's two shifts, product HOOD at 30 s), and the services of
/// OEE and orders. The clock is fake; by default it stands on the day after the scripted Monday 2026-03-02.
/// </summary>
public sealed class OeePlantFixture : IAsyncDisposable
{
    public const string Tenant = "demo";

    public const string Plant = """
        tenant: demo
        types:
          Press:
            tags:
              state:      { type: string }
              faultCode:  { type: string }
              productId:  { type: string }
              goodCount:  { type: long }
              scrapCount: { type: long }
          Meter:
            stateModel: utility
            tags:
              power: { type: double }
        products:
          HOOD: { name: Hood, idealCycleTime: 30s }
          ROOF: { name: Roof, idealCycleTime: 60s, idealCycleTimes: { plant/shop/line/press-2: 20s } }
        sites:
          - id: plant
            timeZone: UTC
            shifts:
              - { name: early, days: [mon], start: "06:00", end: "14:00", breaks: [{ start: "10:00", duration: 30m }] }
              - { name: late, days: [mon], start: "14:00", end: "22:00", breaks: [{ start: "18:00", duration: 30m }] }
            areas:
              - id: shop
                lines:
                  - id: line
                    equipment:
                      - { id: press-1, type: Press }
                      - { id: press-2, type: Press }
                      - { id: meter, type: Meter }
        """;

    public static readonly AssetPath Line = AssetPath.Parse("plant/shop/line");
    public static readonly AssetPath Press1 = AssetPath.Parse("plant/shop/line/press-1");
    public static readonly AssetPath Press2 = AssetPath.Parse("plant/shop/line/press-2");

    private readonly string _folder;
    private readonly PooledDbContextFactory<MetadataDbContext> _contexts;
    private readonly DuckDbHistorian _historian;

    private OeePlantFixture(string folder, PooledDbContextFactory<MetadataDbContext> contexts, DuckDbHistorian historian, SeriesRegistry series, FakeTimeProvider time)
    {
        _folder = folder;
        _contexts = contexts;
        _historian = historian;
        Series = series;
        Time = time;
        Catalog = new PlantCatalog();
        Catalog.SetPlant(PlantFileLoader.Load("plants/oee.yaml", Plant, Tenant));
        Audit = new AuditLog(contexts, time);
        History = new ProductionHistory(series, historian);
        Oee = new OeeService(Catalog, History, contexts, time);
        Downtime = new DowntimeCommands(Oee, contexts, Audit, time);
        Orders = new OrderService(contexts, Catalog, Oee, History, Audit, time);
    }

    public FakeTimeProvider Time { get; }

    public SeriesRegistry Series { get; }

    public PlantCatalog Catalog { get; }

    public AuditLog Audit { get; }

    public ProductionHistory History { get; }

    public OeeService Oee { get; }

    public DowntimeCommands Downtime { get; }

    public OrderService Orders { get; }

    public IDbContextFactory<MetadataDbContext> Contexts => _contexts;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Creates the parts; the clock starts at <paramref name="now"/> (default: the day after the scripted Monday).</summary>
    public static async Task<OeePlantFixture> CreateAsync(DateTimeOffset? now = null)
    {
        var folder = Directory.CreateTempSubdirectory("nightshift-oee-").FullName;
        var time = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero));
        var contexts = await TestMetadata.CreateAsync(folder, Ct);

        var series = new SeriesRegistry();
        var historian = await DuckDbHistorian.OpenAsync(new DuckDbHistorianOptions { DataFolder = folder }, series, time, NullLogger<DuckDbHistorian>.Instance, Ct);
        return new OeePlantFixture(folder, contexts, historian, series, time);
    }

    /// <summary>A signed-in user of the tenant with a role.</summary>
    public static ClaimsPrincipal User(string name, string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role), new Claim(NightshiftClaims.Tenant, Tenant)], "test"));

    /// <summary>Writes readings of one tag of an equipment to the historian and waits until they are stored.</summary>
    public async Task WriteAsync(AssetPath equipment, string tag, params (DateTime At, SampleValue Value)[] readings)
    {
        var id = Series.GetOrAdd(Tenant, new TagPath(equipment, tag)).Id;
        await _historian.WriteAsync(new SampleBatch(Tenant, [.. readings.Select(r => new Sample(id, r.At, r.Value, Quality.Good))]), Ct);
        await _historian.FlushAsync(Ct);
    }

    /// <summary>Writes a reading without a value (a lost connection) of a tag.</summary>
    public async Task WriteBadAsync(AssetPath equipment, string tag, DateTime at)
    {
        var id = Series.GetOrAdd(Tenant, new TagPath(equipment, tag)).Id;
        await _historian.WriteAsync(new SampleBatch(Tenant, [new Sample(id, at, SampleValue.None, Quality.BadNotConnected)]), Ct);
        await _historian.FlushAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _historian.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
