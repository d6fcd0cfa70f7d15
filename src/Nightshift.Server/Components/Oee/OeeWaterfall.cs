using Nightshift.Core.Oee;

namespace Nightshift.Server.Components.Oee;

/// <summary>
/// The ISO 22400 loss waterfall of an OEE result: planned busy time, minus the availability losses (unplanned downtime
/// and setup), minus the performance losses (speed), minus the quality losses (the ideal time of the scrap), leaves the
/// fully productive time (the ideal time of the good units). A performance above 100 % shows no speed loss (the bar is
/// empty) and the levels follow the figures. Stateless.
/// </summary>
public static class OeeWaterfall
{
    /// <summary>The five bars, in order.</summary>
    public static IReadOnlyList<WaterfallStep> Steps(OeeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var planned = result.PlannedBusyTime;
        var availability = planned - result.ActualProductionTime;
        var speed = result.ActualProductionTime - result.IdealProductionTime;
        var quality = result.PlannedBusyTime > TimeSpan.Zero && result.ProducedQuantity > 0
            ? TimeSpan.FromTicks((long)(result.IdealProductionTime.Ticks * (result.ScrapQuantity / (double)result.ProducedQuantity)))
            : TimeSpan.Zero;
        var fully = result.IdealProductionTime - quality;
        if (speed < TimeSpan.Zero)
        {
            speed = TimeSpan.Zero;
        }

        var afterAvailability = result.ActualProductionTime;
        var afterSpeed = afterAvailability - speed;
        return
        [
            new("planned", "Planned busy time", planned, TimeSpan.Zero, planned, true),
            new("availability", "Availability losses", availability, afterAvailability, planned, false),
            new("performance", "Performance losses", speed, afterSpeed, afterAvailability, false),
            new("quality", "Quality losses", quality, afterSpeed - quality, afterSpeed, false),
            new("productive", "Fully productive time", fully, TimeSpan.Zero, fully, true),
        ];
    }
}
