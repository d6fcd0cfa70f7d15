using Nightshift.Core.Assets;
using Nightshift.Core.Orders;

namespace Nightshift.Core.Tests.Orders;

public class ProductionOrderTests
{
    private static readonly AssetPath Line = AssetPath.Parse("plant/shop/line");
    private static readonly DateTime Due = new(2026, 3, 2, 14, 0, 0, DateTimeKind.Utc);

    private static ProductionOrder Completed(string number, int minutesAfterDue) =>
        new(number, "HOOD", 100, Line, Due) { Status = OrderStatus.Completed, Started = Due.AddHours(-4), Completed = Due.AddMinutes(minutesAfterDue), Good = 100 };

    [Fact]
    public void On_time_delivery_is_the_share_of_completed_orders_done_by_their_due_time()
    {
        ProductionOrder[] orders =
        [
            Completed("A", -30),
            Completed("B", 0),
            Completed("C", 45),
            Completed("D", -5),
            new("E", "HOOD", 100, Line, Due) { Status = OrderStatus.Running, Started = Due.AddHours(-1) },
            new("F", "HOOD", 100, Line, Due),
            Completed("G", -60 * 24 * 3), // completed before the period
        ];

        var delivery = OnTimeDelivery.Compute(orders, Due.AddDays(-1), Due.AddDays(1));

        delivery.Completed.ShouldBe(4);
        delivery.OnTime.ShouldBe(3);
        delivery.Rate.ShouldBe(0.75);
    }

    [Fact]
    public void Without_completed_orders_the_on_time_rate_is_unknown()
    {
        OnTimeDelivery.Compute([], Due.AddDays(-1), Due).Rate.ShouldBeNull();
    }

    [Fact]
    public void Progress_is_good_units_over_the_quantity_and_lateness_follows_the_due_time()
    {
        var running = new ProductionOrder("E", "HOOD", 200, Line, Due) { Status = OrderStatus.Running, Started = Due.AddHours(-2), Good = 150, Scrap = 4 };

        running.Progress.ShouldBe(0.75);
        running.IsLate(Due.AddMinutes(-1)).ShouldBeFalse();
        running.IsLate(Due.AddMinutes(1)).ShouldBeTrue();
        Completed("C", 45).IsLate(Due.AddDays(5)).ShouldBeTrue();
        Completed("A", -30).IsLate(Due.AddDays(5)).ShouldBeFalse();
    }
}
