using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Assets;
using Nightshift.Core.Orders;
using Nightshift.Server.Data;
using Nightshift.Server.Identity;
using Nightshift.Server.Ingest;
using Nightshift.Server.Oee;

namespace Nightshift.Server.Orders;

/// <summary>
/// Production orders in the metadata database: create, list, start and complete, each command checked (operator or
/// more), validated and audited (<c>order.create</c>, <c>order.start</c>, <c>order.complete</c>). While an order runs,
/// its good and scrap units are what the production equipment at or under its line counted since it started (summed);
/// on completion they are stored and final. A line runs one order at a time. Thread-safe.
/// </summary>
/// <remarks>Only storage failures throw (whatever the database throws), and <see cref="OperationCanceledException"/>.</remarks>
public sealed class OrderService
{
    /// <summary>The longest order number, in characters.</summary>
    public const int MaxNumberLength = 64;

    /// <summary>The most orders one list returns.</summary>
    public const int MaxList = 500;

    /// <summary>The largest quantity of one order.</summary>
    public const long MaxQuantity = 1_000_000_000;

    private readonly IDbContextFactory<MetadataDbContext> _contexts;
    private readonly PlantCatalog _catalog;
    private readonly OeeService _oee;
    private readonly ProductionHistory _history;
    private readonly AuditLog _audit;
    private readonly TimeProvider _time;

    public OrderService(IDbContextFactory<MetadataDbContext> contexts, PlantCatalog catalog, OeeService oee, ProductionHistory history, AuditLog audit, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(oee);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(time);
        _contexts = contexts;
        _catalog = catalog;
        _oee = oee;
        _history = history;
        _audit = audit;
        _time = time;
    }

    /// <summary>
    /// The tenant's orders, newest due first (at most <see cref="MaxList"/>): with <paramref name="status"/> only those,
    /// with <paramref name="line"/> only those of that line or below it; running orders with their counts so far.
    /// </summary>
    public async Task<IReadOnlyList<ProductionOrder>> ListAsync(string tenant, OrderStatus? status, AssetPath? line, CancellationToken cancellationToken)
    {
        List<ProductionOrderEntry> entries;
        await using (var db = await _contexts.CreateDbContextAsync(cancellationToken))
        {
            var rows = db.ProductionOrders.AsNoTracking().Where(o => o.Tenant == tenant);
            if (status is { } wanted)
            {
                var name = wanted.ToString();
                rows = rows.Where(o => o.Status == name);
            }

            entries = await rows.OrderByDescending(o => o.Due).ThenByDescending(o => o.Id).Take(MaxList).ToListAsync(cancellationToken);
        }

        var orders = new List<ProductionOrder>(entries.Count);
        foreach (var order in entries.Select(OrderEntries.ToOrder))
        {
            if (line is { Depth: > 0 } && !order.Line.IsAtOrUnder(line))
            {
                continue;
            }

            orders.Add(order.Status == OrderStatus.Running ? await WithCountsAsync(tenant, order, cancellationToken) : order);
        }

        return orders;
    }

    /// <summary>One order by number (a running one with its counts so far), or null.</summary>
    public async Task<ProductionOrder?> GetAsync(string tenant, string number, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var entry = await db.ProductionOrders.AsNoTracking().SingleOrDefaultAsync(o => o.Tenant == tenant && o.Number == number, cancellationToken);
        if (entry is null)
        {
            return null;
        }

        var order = OrderEntries.ToOrder(entry);
        return order.Status == OrderStatus.Running ? await WithCountsAsync(tenant, order, cancellationToken) : order;
    }

    /// <summary>The on-time delivery of the orders completed in [from, to) (UTC).</summary>
    public async Task<OnTimeDelivery> OnTimeDeliveryAsync(string tenant, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var completed = OrderStatus.Completed.ToString();
        var entries = await db.ProductionOrders.AsNoTracking()
            .Where(o => o.Tenant == tenant && o.Status == completed && o.Completed >= from && o.Completed < to)
            .ToListAsync(cancellationToken);
        return OnTimeDelivery.Compute(entries.Select(OrderEntries.ToOrder), from, to);
    }

    /// <summary>Creates a planned order.</summary>
    public async Task<OrderCommandResult> CreateAsync(ClaimsPrincipal user, NewOrder order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(order);
        if (!DowntimeCommands.MayCommand(user))
        {
            return new(ProductionCommandOutcome.Forbidden, null, "creating orders needs the operator role or more");
        }

        var tenant = user.Tenant();
        var number = order.Number?.Trim();
        var product = order.Product?.Trim();
        var model = _catalog.Get(tenant);
        var products = _catalog.GetConfigured(tenant)?.Production.Products;
        AssetPath? line = null;
        var invalid = string.IsNullOrEmpty(number) ? "'number' is required"
            : number.Length > MaxNumberLength || !number.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
                ? $"'number' must be 1 to {MaxNumberLength} letters, digits, '-', '_' or '.'"
            : string.IsNullOrEmpty(product) ? "'product' is required"
            : products is { Count: > 0 } && !products.ContainsKey(product) ? $"unknown product '{product}' (the plant file's products: {string.Join(", ", products.Keys.Order(StringComparer.Ordinal).Take(20))})"
            : order.Quantity is not (> 0 and <= MaxQuantity) ? $"'quantity' must be from 1 to {MaxQuantity}"
            : order.Due is null ? "'due' is required (ISO-8601 with a zone)"
            : !AssetPath.TryParse(order.Line, out line, out var error) || line.Depth == 0 ? $"'line' must be an asset path ({error ?? "the root is not a line"})"
            : model?.Find(line) is not { Kind: AssetKind.Line or AssetKind.Area or AssetKind.Cell } ? $"'line' {line} is not a line of the plant"
            : null;
        if (invalid is not null)
        {
            return new(ProductionCommandOutcome.Invalid, null, invalid);
        }

        var actor = user.Actor();
        var now = _time.GetUtcNow().UtcDateTime;
        var due = DateTime.SpecifyKind(order.Due!.Value.ToUniversalTime(), DateTimeKind.Utc);
        await using (var db = await _contexts.CreateDbContextAsync(cancellationToken))
        {
            if (await db.ProductionOrders.AnyAsync(o => o.Tenant == tenant && o.Number == number, cancellationToken))
            {
                return new(ProductionCommandOutcome.Conflict, null, $"order '{number}' exists already");
            }

            db.ProductionOrders.Add(new ProductionOrderEntry
            {
                Tenant = tenant,
                Number = number!,
                Product = product!,
                Quantity = order.Quantity!.Value,
                Line = line!.Value,
                Due = due,
                Status = nameof(OrderStatus.Planned),
                Created = now,
                CreatedBy = actor,
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        await _audit.WriteAsync(tenant, actor, "order.create", $"{number}: {order.Quantity} x {product} on {line} due {due:yyyy-MM-dd'T'HH:mm'Z'}", cancellationToken);
        return new(ProductionCommandOutcome.Done, new ProductionOrder(number!, product!, order.Quantity!.Value, line!, due), null);
    }

    /// <summary>Starts a planned order; refused while another order runs on the same line.</summary>
    public Task<OrderCommandResult> StartAsync(ClaimsPrincipal user, string number, CancellationToken cancellationToken) =>
        ChangeAsync(user, number, OrderStatus.Planned, OrderStatus.Running, cancellationToken);

    /// <summary>Completes a running order; its counts become final.</summary>
    public Task<OrderCommandResult> CompleteAsync(ClaimsPrincipal user, string number, CancellationToken cancellationToken) =>
        ChangeAsync(user, number, OrderStatus.Running, OrderStatus.Completed, cancellationToken);

    private async Task<OrderCommandResult> ChangeAsync(ClaimsPrincipal user, string number, OrderStatus from, OrderStatus to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var verb = to == OrderStatus.Running ? "start" : "complete";
        if (!DowntimeCommands.MayCommand(user))
        {
            return new(ProductionCommandOutcome.Forbidden, null, $"to {verb} orders needs the operator role or more");
        }

        var tenant = user.Tenant();
        var actor = user.Actor();
        var now = _time.GetUtcNow().UtcDateTime;
        ProductionOrder result;
        await using (var db = await _contexts.CreateDbContextAsync(cancellationToken))
        {
            var entry = await db.ProductionOrders.SingleOrDefaultAsync(o => o.Tenant == tenant && o.Number == number, cancellationToken);
            if (entry is null)
            {
                return new(ProductionCommandOutcome.NotFound, null, $"no order '{number}'");
            }

            var order = OrderEntries.ToOrder(entry);
            if (order.Status != from)
            {
                return new(ProductionCommandOutcome.Conflict, null, $"order '{number}' is {order.Status.ToString().ToLowerInvariant()}; only a {from.ToString().ToLowerInvariant()} order can be {(to == OrderStatus.Running ? "started" : "completed")}");
            }

            if (to == OrderStatus.Running)
            {
                var running = nameof(OrderStatus.Running);
                var busy = await db.ProductionOrders.AsNoTracking()
                    .Where(o => o.Tenant == tenant && o.Status == running && o.Line == entry.Line)
                    .Select(o => o.Number)
                    .FirstOrDefaultAsync(cancellationToken);
                if (busy is not null)
                {
                    return new(ProductionCommandOutcome.Conflict, null, $"line {entry.Line} runs order '{busy}'; complete it first");
                }

                entry.Started = now;
            }
            else
            {
                var counted = await WithCountsAsync(tenant, order with { Completed = now }, cancellationToken);
                entry.Completed = now;
                entry.Good = counted.Good;
                entry.Scrap = counted.Scrap;
            }

            entry.Status = to.ToString();
            await db.SaveChangesAsync(cancellationToken);
            result = OrderEntries.ToOrder(entry);
        }

        await _audit.WriteAsync(tenant, actor, "order." + verb, number, cancellationToken);
        return new(ProductionCommandOutcome.Done, result, null);
    }

    /// <summary>The order with the good and scrap units the production equipment of its line counted from its start to its completion (or now).</summary>
    private async Task<ProductionOrder> WithCountsAsync(string tenant, ProductionOrder order, CancellationToken cancellationToken)
    {
        if (order.Started is not { } started)
        {
            return order;
        }

        var end = order.Completed ?? _time.GetUtcNow().UtcDateTime;
        long good = 0, scrap = 0;
        foreach (var equipment in _oee.ProductionEquipment(tenant, order.Line))
        {
            var goodIncrements = await _history.ReadCounterAsync(tenant, equipment.Path, ProductionHistory.GoodCountTag, started, end, cancellationToken);
            var scrapIncrements = await _history.ReadCounterAsync(tenant, equipment.Path, ProductionHistory.ScrapCountTag, started, end, cancellationToken);
            good += Nightshift.Core.Oee.CounterIncrease.Sum(goodIncrements, ProductionHistory.Floor(started), end);
            scrap += Nightshift.Core.Oee.CounterIncrease.Sum(scrapIncrements, ProductionHistory.Floor(started), end);
        }

        return order with { Good = good, Scrap = scrap };
    }
}
