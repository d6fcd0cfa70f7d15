namespace Nightshift.Core.Orders;

/// <summary>
/// The on-time delivery of production orders over a period: of the orders completed in [from, to), how many were
/// completed by their due time. <see cref="Rate"/> is a fraction (0.9 is 90 %), null when none was completed. Immutable.
/// </summary>
public sealed record OnTimeDelivery(int Completed, int OnTime, double? Rate)
{
    /// <summary>Computes the on-time delivery of the orders completed in [<paramref name="from"/>, <paramref name="to"/>) (UTC).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="orders"/> is null.</exception>
    public static OnTimeDelivery Compute(IEnumerable<ProductionOrder> orders, DateTime from, DateTime to)
    {
        ArgumentNullException.ThrowIfNull(orders);
        int completed = 0, onTime = 0;
        foreach (var order in orders)
        {
            if (order.Status == OrderStatus.Completed && order.Completed is { } done && done >= from && done < to)
            {
                completed++;
                if (order.CompletedOnTime)
                {
                    onTime++;
                }
            }
        }

        return new OnTimeDelivery(completed, onTime, completed > 0 ? onTime / (double)completed : null);
    }
}
