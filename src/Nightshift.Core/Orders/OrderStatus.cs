namespace Nightshift.Core.Orders;

/// <summary>Where a production order stands: planned, running on its line, or completed.</summary>
public enum OrderStatus
{
    /// <summary>Created, not started.</summary>
    Planned,

    /// <summary>Started: the line's good and scrap counts go to it.</summary>
    Running,

    /// <summary>Completed: its counts are final.</summary>
    Completed,
}
