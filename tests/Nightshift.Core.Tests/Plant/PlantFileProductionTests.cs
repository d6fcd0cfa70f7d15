using Nightshift.Core.Assets;
using Nightshift.Core.Oee;
using Nightshift.Core.Plant;

namespace Nightshift.Core.Tests.Plant;

public class PlantFileProductionTests
{
    private const string Valid = """
        tenant: demo
        types:
          Press:
            tags:
              state: { type: string }
        products:
          HOOD: { name: Hood, idealCycleTime: 5.5s, idealCycleTimes: { plant/shop/line-2: 6s, plant/shop/line-2/press-9: 7s } }
          ROOF: {}
        sites:
          - id: plant
            timeZone: Europe/Berlin
            shifts:
              - { name: early, days: [mon, tue], start: "06:00", end: "14:00", breaks: [{ start: "10:00", duration: 30m }] }
              - { name: night, days: [sun], start: "22:00", end: "06:00" }
            areas: []
          - id: other
            timeZone: UTC
        """;

    [Fact]
    public void Products_and_shifts_are_read_into_the_production_settings()
    {
        var plant = PlantFileLoader.Load("plants/p.yaml", Valid, "demo");

        var hood = plant.Production.FindProduct("HOOD").ShouldNotBeNull();
        hood.Name.ShouldBe("Hood");
        hood.IdealCycleTimeOn(AssetPath.Parse("plant/shop/line-1/press-1")).ShouldBe(TimeSpan.FromSeconds(5.5));
        hood.IdealCycleTimeOn(AssetPath.Parse("plant/shop/line-2/press-1")).ShouldBe(TimeSpan.FromSeconds(6));
        hood.IdealCycleTimeOn(AssetPath.Parse("plant/shop/line-2/press-9")).ShouldBe(TimeSpan.FromSeconds(7));
        plant.Production.FindProduct("ROOF").ShouldNotBeNull().IdealCycleTime.ShouldBeNull();

        var shifts = plant.Production.Shifts["plant"];
        shifts.Select(s => (s.Name, s.Day)).ShouldBe([("early", DayOfWeek.Monday), ("early", DayOfWeek.Tuesday), ("night", DayOfWeek.Sunday)]);
        shifts[0].Breaks.ShouldBe([new PlannedBreak(new TimeOnly(10, 0), TimeSpan.FromMinutes(30))]);
        shifts[2].CrossesMidnight.ShouldBeTrue();

        var other = plant.Find(AssetPath.Parse("other")).ShouldNotBeNull();
        var calendar = plant.Production.CalendarOf(other, TimeZoneInfo.Utc);
        calendar.Shifts.Count.ShouldBe(7);
        calendar.Shifts.ShouldAllBe(s => s.Name == "day" && s.Start == TimeOnly.MinValue && s.End == TimeOnly.MinValue);
    }

    [Fact]
    public void Wrong_products_and_shifts_are_reported_with_their_fields()
    {
        const string Wrong = """
            types: {}
            products:
              HOOD: { idealCycleTime: fast, idealCycleTimes: { "bad path!": 5s } }
            sites:
              - id: plant
                timeZone: UTC
                shifts:
                  - { name: early, days: [monday], start: "6 am", end: "14:00" }
                  - { name: late, start: "14:00", end: "22:00", breaks: [{ start: "23:00", duration: 30m }] }
                  - { start: "22:00", end: "06:00" }
            """;

        var error = Should.Throw<PlantFileException>(() => PlantFileLoader.Load("plants/p.yaml", Wrong, "demo"));

        var fields = error.Errors.Select(e => e.Field).ToList();
        fields.ShouldContain("products.HOOD.idealCycleTime");
        fields.ShouldContain("products.HOOD.idealCycleTimes.bad path!");
        fields.ShouldContain("sites[0].shifts[0].days[0]");
        fields.ShouldContain("sites[0].shifts[0].start");
        fields.ShouldContain("sites[0].shifts[1].breaks");
        fields.ShouldContain("sites[0].shifts[2].name");
    }
}
