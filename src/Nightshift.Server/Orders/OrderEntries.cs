using Nightshift.Core.Assets;
using Nightshift.Core.Orders;
using Nightshift.Server.Data;

namespace Nightshift.Server.Orders;

/// <summary>Converts stored orders to <see cref="ProductionOrder"/>s. Stateless.</summary>
public static class OrderEntries
{
    /// <summary>The order a row holds; times are UTC, an unknown status reads as planned.</summary>
    public static ProductionOrder ToOrder(ProductionOrderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new ProductionOrder(entry.Number, entry.Product, entry.Quantity, AssetPath.TryParse(entry.Line, out var line, out _) ? line : AssetPath.Root, Utc(entry.Due))
        {
            Status = Enum.TryParse<OrderStatus>(entry.Status, out var status) ? status : OrderStatus.Planned,
            Started = entry.Started is { } started ? Utc(started) : null,
            Completed = entry.Completed is { } completed ? Utc(completed) : null,
            Good = entry.Good,
            Scrap = entry.Scrap,
        };
    }

    private static DateTime Utc(DateTime time) => DateTime.SpecifyKind(time, DateTimeKind.Utc);
}
