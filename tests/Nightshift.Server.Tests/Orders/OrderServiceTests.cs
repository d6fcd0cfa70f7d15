using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Orders;
using Nightshift.Core.Samples;
using Nightshift.Server.Identity;
using Nightshift.Server.Oee;
using Nightshift.Server.Orders;
using Nightshift.Server.Tests.Oee;
using static Nightshift.Server.Tests.Oee.OeePlantFixture;

namespace Nightshift.Server.Tests.Orders;

public sealed class OrderServiceTests : IAsyncLifetime
{
    private static readonly DateTime Monday = new(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc);

    private OeePlantFixture _plant = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTime At(int hour, int minute = 0) => Monday.AddHours(hour).AddMinutes(minute);

    public async ValueTask InitializeAsync() => _plant = await CreateAsync(new DateTimeOffset(Monday));

    public async ValueTask DisposeAsync() => await _plant.DisposeAsync();

    [Fact]
    public async Task A_running_order_counts_its_line_good_and_scrap_units_and_keeps_them_when_completed()
    {
        var user = User("olga", Roles.Operator);
        _plant.Time.SetUtcNow(At(6));
        (await _plant.Orders.CreateAsync(user, new NewOrder("4711", "HOOD", 1000, Line.Value, At(14)), Ct)).Outcome.ShouldBe(ProductionCommandOutcome.Done);

        // Units counted before the start do not count; both presses of the line count after it (a reset on press-1).
        await _plant.WriteAsync(Press1, "goodCount", (At(6), SampleValue.FromLong(100)), (At(7), SampleValue.FromLong(300)), (At(9), SampleValue.FromLong(500)), (At(9, 30), SampleValue.FromLong(40)));
        await _plant.WriteAsync(Press2, "goodCount", (At(7), SampleValue.FromLong(10)), (At(9), SampleValue.FromLong(110)));
        await _plant.WriteAsync(Press1, "scrapCount", (At(7), SampleValue.FromLong(0)), (At(10), SampleValue.FromLong(6)));

        _plant.Time.SetUtcNow(At(8));
        (await _plant.Orders.StartAsync(user, "4711", Ct)).Outcome.ShouldBe(ProductionCommandOutcome.Done);
        _plant.Time.SetUtcNow(At(11));

        var running = (await _plant.Orders.GetAsync(Tenant, "4711", Ct)).ShouldNotBeNull();
        running.Status.ShouldBe(OrderStatus.Running);
        running.Good.ShouldBe(200 + 40 + 100); // press-1: 300 → 500, reset → 40; press-2: 10 → 110
        running.Scrap.ShouldBe(6);
        running.Progress.ShouldBe(0.34);

        _plant.Time.SetUtcNow(At(12));
        var completed = await _plant.Orders.CompleteAsync(user, "4711", Ct);
        completed.Outcome.ShouldBe(ProductionCommandOutcome.Done);
        completed.Order!.Good.ShouldBe(340);
        completed.Order.Completed.ShouldBe(At(12));

        await _plant.WriteAsync(Press2, "goodCount", (At(12, 30), SampleValue.FromLong(900)));
        (await _plant.Orders.GetAsync(Tenant, "4711", Ct))!.Good.ShouldBe(340);

        await using var db = await _plant.Contexts.CreateDbContextAsync(Ct);
        (await db.Audit.Where(a => a.Action.StartsWith("order.")).Select(a => a.Action).ToListAsync(Ct)).ShouldBe(["order.create", "order.start", "order.complete"], ignoreOrder: true);
    }

    [Fact]
    public async Task On_time_delivery_counts_orders_completed_by_their_due_time()
    {
        var user = User("olga", Roles.Operator);
        _plant.Time.SetUtcNow(At(6));
        foreach (var (number, due) in new[] { ("A", At(9)), ("B", At(10)), ("C", At(12)) })
        {
            (await _plant.Orders.CreateAsync(user, new NewOrder(number, "HOOD", 10, Line.Value, due), Ct)).Outcome.ShouldBe(ProductionCommandOutcome.Done);
        }

        // One line runs one order at a time: A, then B (late), then C (on time).
        (await _plant.Orders.StartAsync(user, "A", Ct)).Outcome.ShouldBe(ProductionCommandOutcome.Done);
        (await _plant.Orders.StartAsync(user, "B", Ct)).Outcome.ShouldBe(ProductionCommandOutcome.Conflict);
        _plant.Time.SetUtcNow(At(8));
        (await _plant.Orders.CompleteAsync(user, "A", Ct)).Outcome.ShouldBe(ProductionCommandOutcome.Done);
        (await _plant.Orders.StartAsync(user, "B", Ct)).Outcome.ShouldBe(ProductionCommandOutcome.Done);
        _plant.Time.SetUtcNow(At(10, 30));
        (await _plant.Orders.CompleteAsync(user, "B", Ct)).Outcome.ShouldBe(ProductionCommandOutcome.Done);
        (await _plant.Orders.StartAsync(user, "C", Ct)).Outcome.ShouldBe(ProductionCommandOutcome.Done);
        _plant.Time.SetUtcNow(At(11));
        (await _plant.Orders.CompleteAsync(user, "C", Ct)).Outcome.ShouldBe(ProductionCommandOutcome.Done);

        var delivery = await _plant.Orders.OnTimeDeliveryAsync(Tenant, At(0), At(24), Ct);

        delivery.ShouldBe(new OnTimeDelivery(3, 2, 2.0 / 3.0));
        var listed = await _plant.Orders.ListAsync(Tenant, OrderStatus.Completed, null, Ct);
        listed.Select(o => o.Number).ShouldBe(["C", "B", "A"]);
        listed.Single(o => o.Number == "B").IsLate(At(11)).ShouldBeTrue();
    }

    [Fact]
    public async Task Orders_are_validated_and_need_the_operator_role()
    {
        var user = User("olga", Roles.Operator);
        (await _plant.Orders.CreateAsync(User("vera", Roles.Viewer), new NewOrder("1", "HOOD", 1, Line.Value, At(9)), Ct)).Outcome.ShouldBe(ProductionCommandOutcome.Forbidden);
        (await _plant.Orders.CreateAsync(user, new NewOrder("1", "DOOR", 1, Line.Value, At(9)), Ct)).Reason.ShouldNotBeNull().ShouldContain("unknown product");
        (await _plant.Orders.CreateAsync(user, new NewOrder("1", "HOOD", 0, Line.Value, At(9)), Ct)).Outcome.ShouldBe(ProductionCommandOutcome.Invalid);
        (await _plant.Orders.CreateAsync(user, new NewOrder("1", "HOOD", 1, "plant/shop/nowhere", At(9)), Ct)).Outcome.ShouldBe(ProductionCommandOutcome.Invalid);
        (await _plant.Orders.CreateAsync(user, new NewOrder("1", "HOOD", 1, Press1.Value, At(9)), Ct)).Outcome.ShouldBe(ProductionCommandOutcome.Invalid);
        (await _plant.Orders.CreateAsync(user, new NewOrder("1 2", "HOOD", 1, Line.Value, At(9)), Ct)).Outcome.ShouldBe(ProductionCommandOutcome.Invalid);
        (await _plant.Orders.CreateAsync(user, new NewOrder("1", "HOOD", 1, Line.Value, null), Ct)).Outcome.ShouldBe(ProductionCommandOutcome.Invalid);
        (await _plant.Orders.CreateAsync(user, new NewOrder("1", "HOOD", 1, Line.Value, At(9)), Ct)).Outcome.ShouldBe(ProductionCommandOutcome.Done);
        (await _plant.Orders.CreateAsync(user, new NewOrder("1", "HOOD", 1, Line.Value, At(9)), Ct)).Outcome.ShouldBe(ProductionCommandOutcome.Conflict);
        (await _plant.Orders.CompleteAsync(user, "1", Ct)).Outcome.ShouldBe(ProductionCommandOutcome.Conflict);
        (await _plant.Orders.StartAsync(user, "2", Ct)).Outcome.ShouldBe(ProductionCommandOutcome.NotFound);
    }

    [Fact]
    public async Task By_order_the_oee_covers_the_line_while_the_order_ran_and_uses_its_product()
    {
        var user = User("olga", Roles.Operator);
        _plant.Time.SetUtcNow(At(6));
        await _plant.Orders.CreateAsync(user, new NewOrder("R-1", "ROOF", 100, Line.Value, At(12)), Ct);
        (await _plant.Orders.StartAsync(user, "R-1", Ct)).Outcome.ShouldBe(ProductionCommandOutcome.Done);

        // press-1 names no product: performance takes the order's (ROOF, 60 s on press-1).
        await _plant.WriteAsync(Press1, "state", (At(6), SampleValue.FromString("Running")));
        await _plant.WriteAsync(Press1, "goodCount", (At(6), SampleValue.FromLong(0)), (At(7, 59), SampleValue.FromLong(100)));
        _plant.Time.SetUtcNow(At(8));
        await _plant.Orders.CompleteAsync(user, "R-1", Ct);
        _plant.Time.SetUtcNow(At(9));

        var report = await _plant.Oee.ComputeAsync(Tenant, Line, At(0), At(9), OeeGrouping.Order, Ct);

        var group = report.Groups.ShouldHaveSingleItem();
        group.Key.ShouldBe("R-1");
        (group.From, group.To).ShouldBe((At(6), At(8)));
        group.Result.ActualProductionTime.ShouldBe(TimeSpan.FromHours(2));
        group.Result.IdealProductionTime.ShouldBe(TimeSpan.FromMinutes(100));
        group.Result.GoodQuantity.ShouldBe(100);
    }
}
