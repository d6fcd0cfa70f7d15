using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nightshift.Server.Data;
using Nightshift.Server.Identity;
using Nightshift.Server.Notifications;

namespace Nightshift.Server.Api;

/// <summary>
/// The webhooks of the caller's tenant (admin role, checked by the route and again by <see cref="WebhookRegistry"/>, which
/// also validates and audits): list, create, read, change, delete, their deliveries by state, and a manual redeliver.
/// </summary>
public static class WebhooksApi
{
    /// <summary>The deliveries of one listing by default.</summary>
    public const int DefaultDeliveries = 100;

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder routes)
    {
        var webhooks = routes.MapGroup("/api/v1/webhooks").RequireAuthorization(policy => policy.RequireRole(Roles.Admin));
        webhooks.MapGet(string.Empty, ListAsync).WithName("ListWebhooks").WithSummary("The webhooks of the tenant.")
            .Produces<IReadOnlyList<WebhookDto>>();
        webhooks.MapPost(string.Empty, CreateAsync).WithName("CreateWebhook")
            .WithSummary("Creates a webhook; the answer holds its signing secret, the only time it is shown.")
            .Produces<WebhookDto>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest);
        webhooks.MapGet("/{id:long}", GetAsync).WithName("GetWebhook").WithSummary("One webhook.")
            .Produces<WebhookDto>().ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapPut("/{id:long}", UpdateAsync).WithName("UpdateWebhook")
            .WithSummary("Changes a webhook (a left-out secret is kept); enabled=true enables one a 410 answer disabled.")
            .Produces<WebhookDto>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapDelete("/{id:long}", DeleteAsync).WithName("DeleteWebhook").WithSummary("Deletes a webhook and its deliveries.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapGet("/{id:long}/deliveries", DeliveriesAsync).WithName("ListWebhookDeliveries")
            .WithSummary("The deliveries of a webhook, newest first: state=pending|delivered|dead (default all), limit 1 to 1000 (default 100).")
            .Produces<IReadOnlyList<WebhookDeliveryDto>>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapPost("/{id:long}/deliveries/{deliveryId}/redeliver", RedeliverAsync).WithName("RedeliverWebhook")
            .WithSummary("Sends a delivery again from its first attempt, with the same body and delivery id.")
            .Produces<WebhookDeliveryDto>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    public static WebhookDto ToDto(WebhookSubscription webhook, bool withSecret = false)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        return new WebhookDto(
            webhook.Id,
            webhook.Name,
            webhook.Url,
            WebhookEventKinds.Split(webhook.Kinds),
            webhook.MaxPriority,
            webhook.AreaPrefix,
            webhook.Class,
            webhook.Enabled,
            webhook.DisabledReason,
            DateTime.SpecifyKind(webhook.CreatedAt, DateTimeKind.Utc),
            webhook.CreatedBy,
            withSecret ? webhook.Secret : null);
    }

    public static WebhookDeliveryDto ToDto(WebhookDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return new WebhookDeliveryDto(
            delivery.DeliveryId,
            delivery.Kind,
            delivery.State,
            delivery.Attempts,
            Utc(delivery.CreatedAt),
            delivery.State == WebhookDeliveryStates.Pending ? Utc(delivery.NextAttemptAt) : null,
            delivery.LastAttemptAt is { } last ? Utc(last) : null,
            delivery.LastStatus,
            delivery.LastError,
            delivery.DeliveredAt is { } delivered ? Utc(delivered) : null,
            delivery.Body);
    }

    private static async Task<IResult> ListAsync(HttpContext context, WebhookRegistry registry) =>
        Respond(await registry.ListAsync(context.User, context.RequestAborted), list => Results.Ok(list.Select(w => ToDto(w)).ToList()));

    private static async Task<IResult> GetAsync(long id, HttpContext context, WebhookRegistry registry) =>
        Respond(await registry.GetAsync(context.User, id, context.RequestAborted), w => Results.Ok(ToDto(w)));

    private static async Task<IResult> CreateAsync(WebhookRequest? request, HttpContext context, WebhookRegistry registry) =>
        Respond(
            await registry.CreateAsync(context.User, Definition(request), context.RequestAborted),
            w => Results.Created("/api/v1/webhooks/" + w.Id.ToString(CultureInfo.InvariantCulture), ToDto(w, withSecret: true)));

    private static async Task<IResult> UpdateAsync(long id, WebhookRequest? request, HttpContext context, WebhookRegistry registry) =>
        Respond(await registry.UpdateAsync(context.User, id, Definition(request), context.RequestAborted), w => Results.Ok(ToDto(w)));

    private static async Task<IResult> DeleteAsync(long id, HttpContext context, WebhookRegistry registry) =>
        Respond(await registry.DeleteAsync(context.User, id, context.RequestAborted), _ => Results.NoContent());

    private static async Task<IResult> DeliveriesAsync(long id, string? state, string? limit, HttpContext context, WebhookRegistry registry)
    {
        var count = DefaultDeliveries;
        if (!string.IsNullOrEmpty(limit) && !int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count))
        {
            return ApiErrors.BadRequest("webhooks_invalid", $"'limit' must be a whole number from 1 to {WebhookRegistry.MaxDeliveries}");
        }

        var result = await registry.DeliveriesAsync(context.User, id, string.IsNullOrEmpty(state) ? null : state, count, context.RequestAborted);
        return Respond(result, list => Results.Ok(list.Select(ToDto).ToList()));
    }

    private static async Task<IResult> RedeliverAsync(long id, string deliveryId, HttpContext context, WebhookRegistry registry) =>
        Respond(await registry.RedeliverAsync(context.User, id, deliveryId, context.RequestAborted), d => Results.Accepted(value: ToDto(d)));

    private static WebhookDefinition Definition(WebhookRequest? request) =>
        new(request?.Name, request?.Url, request?.Secret, request?.Kinds, request?.MaxPriority, request?.Area, request?.Class, request?.Enabled);

    private static IResult Respond<T>(WebhookResult<T> result, Func<T, IResult> done) => result.Outcome switch
    {
        WebhookOutcome.Done => done(result.Value!),
        WebhookOutcome.NotFound => ApiErrors.NotFound(result.Reason!),
        WebhookOutcome.Invalid => ApiErrors.BadRequest("webhooks_invalid", result.Reason!),
        _ => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: result.Reason),
    };

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
