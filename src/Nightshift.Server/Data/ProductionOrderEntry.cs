namespace Nightshift.Server.Data;

/// <summary>
/// One stored production order (a <see cref="Nightshift.Core.Orders.ProductionOrder"/>): its number (unique per tenant),
/// product, quantity, line (asset path), due time, status (stored by name), when it was created, started and completed
/// (UTC), and the good and scrap units counted while it ran (final once completed).
/// </summary>
public sealed class ProductionOrderEntry
{
    public int Id { get; set; }

    public required string Tenant { get; set; }

    public required string Number { get; set; }

    public required string Product { get; set; }

    public long Quantity { get; set; }

    public required string Line { get; set; }

    public DateTime Due { get; set; }

    public required string Status { get; set; }

    public DateTime Created { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime? Started { get; set; }

    public DateTime? Completed { get; set; }

    public long Good { get; set; }

    public long Scrap { get; set; }
}
