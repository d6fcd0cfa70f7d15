using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nightshift.Core.Assets;
using Nightshift.Core.Orders;
using Nightshift.Server.Identity;
using Nightshift.Server.Oee;
using Nightshift.Server.Orders;

namespace Nightshift.Server.Api;

/// <summary>
/// Production orders of the caller's tenant: list and read (any role); create, start and complete (operator or more;
/// checked by the route and again by <see cref="OrderService"/>, which validates and audits).
/// </summary>
public static class OrdersApi
{
    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder routes)
    {
        var orders = routes.MapGroup("/api/v1/orders");
        orders.MapGet(string.Empty, ListAsync).WithName("ListOrders")
            .WithSummary("The orders (optionally of one status or line), newest due first, with progress from the line's counts, and the on-time delivery of the orders completed in [from, to) (default: the last 30 days).")
            .Produces<OrdersResponse>().ProducesProblem(StatusCodes.Status400BadRequest);
        orders.MapGet("/{number}", GetAsync).WithName("GetOrder").WithSummary("One order.")
            .Produces<OrderDto>().ProducesProblem(StatusCodes.Status404NotFound);

        var operators = routes.MapGroup("/api/v1/orders").RequireAuthorization(policy => policy.RequireRole(Roles.AtLeast(Roles.Operator)));
        operators.MapPost(string.Empty, CreateAsync).WithName("CreateOrder").WithSummary("Creates a planned order: number, product, quantity, line, due.")
            .Produces<OrderDto>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        operators.MapPost("/{number}/start", StartAsync).WithName("StartOrder").WithSummary("Starts a planned order; its line's counts go to it from now.")
            .Produces<OrderDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        operators.MapPost("/{number}/complete", CompleteAsync).WithName("CompleteOrder").WithSummary("Completes a running order; its counts become final.")
            .Produces<OrderDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return routes;
    }

    public static OrderDto ToDto(ProductionOrder order, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new OrderDto(
            order.Number,
            order.Product,
            order.Quantity,
            order.Line.Value,
            order.Due,
            order.Status.ToString().ToLowerInvariant(),
            order.Started,
            order.Completed,
            order.Good,
            order.Scrap,
            order.Progress,
            order.IsLate(now));
    }

    private static async Task<IResult> ListAsync(string? status, string? line, string? from, string? to, HttpContext context, OrderService service, TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        OrderStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<OrderStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || char.IsAsciiDigit(status[0]))
            {
                return ApiErrors.BadRequest("orders_invalid", "'status' must be planned, running or completed");
            }

            wanted = parsed;
        }

        if (!AssetPath.TryParse(line, out var linePath, out var error))
        {
            return ApiErrors.BadRequest("orders_invalid", error);
        }

        if (!QueryTime.TryParse(to, now, out var end, out error) || !QueryTime.TryParse(from, end.AddDays(-30), out var start, out error))
        {
            return ApiErrors.BadRequest("orders_invalid", error);
        }

        if (end <= start)
        {
            return ApiErrors.BadRequest("orders_invalid", "'to' must be after 'from'");
        }

        var tenant = context.User.Tenant();
        var orders = await service.ListAsync(tenant, wanted, linePath, context.RequestAborted);
        var onTime = await service.OnTimeDeliveryAsync(tenant, start, end, context.RequestAborted);
        return Results.Ok(new OrdersResponse([.. orders.Select(o => ToDto(o, now))], new OrderOnTimeDto(start, end, onTime.Completed, onTime.OnTime, onTime.Rate)));
    }

    private static async Task<IResult> GetAsync(string number, HttpContext context, OrderService service, TimeProvider time)
    {
        var order = await service.GetAsync(context.User.Tenant(), number, context.RequestAborted);
        return order is null ? ApiErrors.NotFound($"no order '{number}'") : Results.Ok(ToDto(order, time.GetUtcNow().UtcDateTime));
    }

    private static async Task<IResult> CreateAsync(OrderCreateRequest? request, HttpContext context, OrderService service, TimeProvider time)
    {
        if (request is null)
        {
            return ApiErrors.BadRequest("orders_invalid", "a body with number, product, quantity, line and due is required");
        }

        DateTime? due = null;
        if (!string.IsNullOrEmpty(request.Due))
        {
            if (!QueryTime.TryParse(request.Due, default, out var parsed, out var error))
            {
                return ApiErrors.BadRequest("orders_invalid", "'due': " + error);
            }

            due = parsed;
        }

        var result = await service.CreateAsync(context.User, new NewOrder(request.Number, request.Product, request.Quantity, request.Line, due), context.RequestAborted);
        return result.Outcome == ProductionCommandOutcome.Done
            ? Results.Created($"/api/v1/orders/{Uri.EscapeDataString(result.Order!.Number)}", ToDto(result.Order, time.GetUtcNow().UtcDateTime))
            : Respond(result, time);
    }

    private static async Task<IResult> StartAsync(string number, HttpContext context, OrderService service, TimeProvider time) =>
        Respond(await service.StartAsync(context.User, number, context.RequestAborted), time);

    private static async Task<IResult> CompleteAsync(string number, HttpContext context, OrderService service, TimeProvider time) =>
        Respond(await service.CompleteAsync(context.User, number, context.RequestAborted), time);

    private static IResult Respond(OrderCommandResult result, TimeProvider time) => result.Outcome switch
    {
        ProductionCommandOutcome.Done => Results.Ok(ToDto(result.Order!, time.GetUtcNow().UtcDateTime)),
        ProductionCommandOutcome.NotFound => ApiErrors.NotFound(result.Reason!),
        ProductionCommandOutcome.Invalid => ApiErrors.BadRequest("orders_invalid", result.Reason!),
        ProductionCommandOutcome.Forbidden => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: result.Reason),
        _ => ApiErrors.Conflict(result.Reason!),
    };
}
