using Nightshift.Core.Assets;

namespace Nightshift.Core.Orders;

/// <summary>
/// A production order: make <see cref="Quantity"/> good units of <see cref="Product"/> on <see cref="Line"/> by
/// <see cref="Due"/> (UTC). While it runs (from <see cref="Started"/> to <see cref="Completed"/>, or now) the good and
/// scrap units counted by the line's equipment are its <see cref="Good"/> and <see cref="Scrap"/>. Immutable.
/// </summary>
public sealed record ProductionOrder(string Number, string Product, long Quantity, AssetPath Line, DateTime Due)
{
    public OrderStatus Status { get; init; } = OrderStatus.Planned;

    /// <summary>When the order was started (UTC), or null.</summary>
    public DateTime? Started { get; init; }

    /// <summary>When the order was completed (UTC), or null.</summary>
    public DateTime? Completed { get; init; }

    /// <summary>Good units counted while the order ran.</summary>
    public long Good { get; init; }

    /// <summary>Scrap units counted while the order ran.</summary>
    public long Scrap { get; init; }

    /// <summary>The share of the quantity made good, from 0 (not capped at 1: a line may make more than ordered).</summary>
    public double Progress => Quantity > 0 ? Good / (double)Quantity : 0;

    /// <summary>Whether the order was completed by its due time.</summary>
    public bool CompletedOnTime => Completed is { } done && done <= Due;

    /// <summary>Whether the order is late at <paramref name="now"/>: completed after its due time, or not completed and past it.</summary>
    public bool IsLate(DateTime now) => Completed is { } done ? done > Due : now > Due;
}
