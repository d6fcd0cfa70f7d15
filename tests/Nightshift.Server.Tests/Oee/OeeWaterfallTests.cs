using Nightshift.Core.Oee;
using Nightshift.Server.Components.Oee;

namespace Nightshift.Server.Tests.Oee;

public class OeeWaterfallTests
{
    private static readonly DateTime Day = new(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_waterfall_steps_from_planned_busy_time_down_to_fully_productive_time()
    {
        // The scripted day: PBT 900 min, APT 750, ideal 700 min for 1400 units of which 20 scrap (ideal 10 min).
        var result = new OeeResult(Day, Day.AddDays(1), TimeSpan.FromMinutes(900), TimeSpan.FromMinutes(750), TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(120), TimeSpan.FromMinutes(30),
            1380, 20, 750.0 / 900, 700.0 / 750, 1380.0 / 1400, 690.0 / 900, [], 3, null, null)
        { IdealProductionTime = TimeSpan.FromMinutes(700) };

        var steps = OeeWaterfall.Steps(result);

        steps.Select(s => (s.Key, s.Value.TotalMinutes, s.From.TotalMinutes, s.To.TotalMinutes, s.Total)).ShouldBe(
        [
            ("planned", 900.0, 0.0, 900.0, true),
            ("availability", 150.0, 750.0, 900.0, false),
            ("performance", 50.0, 700.0, 750.0, false),
            ("quality", 10.0, 690.0, 700.0, false),
            ("productive", 690.0, 0.0, 690.0, true),
        ]);
    }

    [Fact]
    public void A_performance_above_one_shows_no_speed_loss()
    {
        var result = new OeeResult(Day, Day.AddHours(1), TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(50), TimeSpan.Zero, TimeSpan.FromMinutes(10), TimeSpan.Zero,
            60, 0, 50.0 / 60, 1.2, 1, 1, [], 0, null, null)
        { IdealProductionTime = TimeSpan.FromMinutes(60) };

        var steps = OeeWaterfall.Steps(result);

        steps.Single(s => s.Key == "performance").Value.ShouldBe(TimeSpan.Zero);
        steps.Single(s => s.Key == "productive").Value.ShouldBe(TimeSpan.FromMinutes(60));
    }
}
