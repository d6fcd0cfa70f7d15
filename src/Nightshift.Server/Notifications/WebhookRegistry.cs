using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Nightshift.Core.Assets;
using Nightshift.Server.Data;
using Nightshift.Server.Identity;

namespace Nightshift.Server.Notifications;

/// <summary>
/// The webhooks of a tenant as every entry point manages them (the REST API and the Webhooks page): the role is checked
/// (admin), the input validated, the change made in the caller's tenant, written to the audit log (<c>webhook.create</c>,
/// <c>webhook.update</c>, <c>webhook.delete</c>, <c>webhook.redeliver</c>) and handed to the <see cref="WebhookService"/>.
/// Secrets are generated when not given (32 random bytes, base64url) and never shown again after creation.
/// Thread-safe (a database context per call).
/// </summary>
/// <remarks>Outcomes say what happened; only storage failures (whatever the database throws) and cancellation throw.</remarks>
public sealed class WebhookRegistry
{
    /// <summary>The most deliveries one listing returns.</summary>
    public const int MaxDeliveries = 1_000;

    public const int MaxNameLength = 100;
    public const int MaxUrlLength = 2_000;
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 200;

    private readonly IDbContextFactory<MetadataDbContext> _contexts;
    private readonly WebhookService _service;
    private readonly AuditLog _audit;
    private readonly TimeProvider _time;

    public WebhookRegistry(IDbContextFactory<MetadataDbContext> contexts, WebhookService service, AuditLog audit, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(time);
        _contexts = contexts;
        _service = service;
        _audit = audit;
        _time = time;
    }

    /// <summary>Whether <paramref name="user"/> may see and change webhooks: signed in with a tenant, admin.</summary>
    public static bool MayManage(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true && user.FindFirstValue(NightshiftClaims.Tenant) is not null && user.IsInRole(Roles.Admin);

    public async Task<WebhookResult<IReadOnlyList<WebhookSubscription>>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (Refuse<IReadOnlyList<WebhookSubscription>>(user) is { } refused)
        {
            return refused;
        }

        var tenant = user.Tenant();
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var list = await db.Webhooks.AsNoTracking().Where(w => w.Tenant == tenant).OrderBy(w => w.Id).ToListAsync(cancellationToken);
        return Done<IReadOnlyList<WebhookSubscription>>(list);
    }

    public async Task<WebhookResult<WebhookSubscription>> GetAsync(ClaimsPrincipal user, long id, CancellationToken cancellationToken)
    {
        if (Refuse<WebhookSubscription>(user) is { } refused)
        {
            return refused;
        }

        var tenant = user.Tenant();
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.Webhooks.AsNoTracking().FirstOrDefaultAsync(w => w.Tenant == tenant && w.Id == id, cancellationToken);
        return found is null ? NotFound<WebhookSubscription>(id) : Done(found);
    }

    /// <summary>Creates a webhook; the result holds its secret, the one time it is shown.</summary>
    public async Task<WebhookResult<WebhookSubscription>> CreateAsync(ClaimsPrincipal user, WebhookDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (Refuse<WebhookSubscription>(user) is { } refused)
        {
            return refused;
        }

        if (Validate(definition, creating: true) is { } invalid)
        {
            return new(WebhookOutcome.Invalid, null, invalid);
        }

        var webhook = new WebhookSubscription
        {
            Tenant = user.Tenant(),
            Name = definition.Name!.Trim(),
            Url = definition.Url!.Trim(),
            Secret = string.IsNullOrEmpty(definition.Secret) ? NewSecret() : definition.Secret,
            Kinds = string.Join(',', definition.Kinds!.Select(WebhookEventKinds.Normalize).Distinct(StringComparer.Ordinal)),
            MaxPriority = definition.MaxPriority ?? 4,
            AreaPrefix = Blank(definition.Area),
            Class = Blank(definition.Class),
            Enabled = definition.Enabled ?? true,
            CreatedAt = _time.GetUtcNow().UtcDateTime,
            CreatedBy = user.Actor(),
        };
        await using (var db = await _contexts.CreateDbContextAsync(cancellationToken))
        {
            db.Webhooks.Add(webhook);
            await db.SaveChangesAsync(cancellationToken);
        }

        await _audit.WriteAsync(webhook.Tenant, user.Actor(), "webhook.create", Describe(webhook), cancellationToken);
        await _service.ReloadAsync(cancellationToken);
        return Done(webhook);
    }

    /// <summary>Changes a webhook; a null secret keeps the old one, and enabling it again clears why it was disabled.</summary>
    public async Task<WebhookResult<WebhookSubscription>> UpdateAsync(ClaimsPrincipal user, long id, WebhookDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (Refuse<WebhookSubscription>(user) is { } refused)
        {
            return refused;
        }

        if (Validate(definition, creating: false) is { } invalid)
        {
            return new(WebhookOutcome.Invalid, null, invalid);
        }

        var tenant = user.Tenant();
        WebhookSubscription? webhook;
        await using (var db = await _contexts.CreateDbContextAsync(cancellationToken))
        {
            webhook = await db.Webhooks.FirstOrDefaultAsync(w => w.Tenant == tenant && w.Id == id, cancellationToken);
            if (webhook is null)
            {
                return NotFound<WebhookSubscription>(id);
            }

            webhook.Name = definition.Name!.Trim();
            webhook.Url = definition.Url!.Trim();
            webhook.Secret = string.IsNullOrEmpty(definition.Secret) ? webhook.Secret : definition.Secret;
            webhook.Kinds = string.Join(',', definition.Kinds!.Select(WebhookEventKinds.Normalize).Distinct(StringComparer.Ordinal));
            webhook.MaxPriority = definition.MaxPriority ?? 4;
            webhook.AreaPrefix = Blank(definition.Area);
            webhook.Class = Blank(definition.Class);
            if (definition.Enabled is { } enabled && enabled != webhook.Enabled)
            {
                webhook.Enabled = enabled;
                webhook.DisabledReason = enabled ? null : "disabled by " + user.Actor();
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        await _audit.WriteAsync(tenant, user.Actor(), "webhook.update", Describe(webhook), cancellationToken);
        await _service.ReloadAsync(cancellationToken);
        _service.Wake();
        return Done(webhook);
    }

    /// <summary>Deletes a webhook and its deliveries.</summary>
    public async Task<WebhookResult<WebhookSubscription>> DeleteAsync(ClaimsPrincipal user, long id, CancellationToken cancellationToken)
    {
        if (Refuse<WebhookSubscription>(user) is { } refused)
        {
            return refused;
        }

        var tenant = user.Tenant();
        WebhookSubscription? webhook;
        await using (var db = await _contexts.CreateDbContextAsync(cancellationToken))
        {
            webhook = await db.Webhooks.FirstOrDefaultAsync(w => w.Tenant == tenant && w.Id == id, cancellationToken);
            if (webhook is null)
            {
                return NotFound<WebhookSubscription>(id);
            }

            await db.WebhookDeliveries.Where(d => d.SubscriptionId == id).ExecuteDeleteAsync(cancellationToken);
            db.Webhooks.Remove(webhook);
            await db.SaveChangesAsync(cancellationToken);
        }

        await _audit.WriteAsync(tenant, user.Actor(), "webhook.delete", Describe(webhook), cancellationToken);
        await _service.ReloadAsync(cancellationToken);
        return Done(webhook);
    }

    /// <summary>The deliveries of a webhook, newest first, optionally of one state (<see cref="WebhookDeliveryStates"/>).</summary>
    public async Task<WebhookResult<IReadOnlyList<WebhookDelivery>>> DeliveriesAsync(ClaimsPrincipal user, long id, string? state, int limit, CancellationToken cancellationToken)
    {
        if (Refuse<IReadOnlyList<WebhookDelivery>>(user) is { } refused)
        {
            return refused;
        }

        if (state is not null && !WebhookDeliveryStates.IsValid(state))
        {
            return new(WebhookOutcome.Invalid, null, $"'state' must be one of {string.Join(", ", WebhookDeliveryStates.All)}");
        }

        if (limit is < 1 or > MaxDeliveries)
        {
            return new(WebhookOutcome.Invalid, null, $"'limit' must be a whole number from 1 to {MaxDeliveries}");
        }

        var tenant = user.Tenant();
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Webhooks.AnyAsync(w => w.Tenant == tenant && w.Id == id, cancellationToken))
        {
            return NotFound<IReadOnlyList<WebhookDelivery>>(id);
        }

        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == id);
        if (state is not null)
        {
            query = query.Where(d => d.State == state);
        }

        var list = await query.OrderByDescending(d => d.Id).Take(limit).ToListAsync(cancellationToken);
        return Done<IReadOnlyList<WebhookDelivery>>(list);
    }

    /// <summary>Sends a delivery again from its first attempt (a dead one, typically), with the same body and delivery id.</summary>
    public async Task<WebhookResult<WebhookDelivery>> RedeliverAsync(ClaimsPrincipal user, long id, string deliveryId, CancellationToken cancellationToken)
    {
        if (Refuse<WebhookDelivery>(user) is { } refused)
        {
            return refused;
        }

        var tenant = user.Tenant();
        WebhookDelivery? delivery;
        await using (var db = await _contexts.CreateDbContextAsync(cancellationToken))
        {
            delivery = await db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Tenant == tenant && d.SubscriptionId == id && d.DeliveryId == deliveryId, cancellationToken);
            if (delivery is null)
            {
                return new(WebhookOutcome.NotFound, null, $"no delivery '{deliveryId}' of webhook {id.ToString(CultureInfo.InvariantCulture)}");
            }

            delivery.State = WebhookDeliveryStates.Pending;
            delivery.Attempts = 0;
            delivery.NextAttemptAt = _time.GetUtcNow().UtcDateTime;
            delivery.DeliveredAt = null;
            await db.SaveChangesAsync(cancellationToken);
        }

        await _audit.WriteAsync(tenant, user.Actor(), "webhook.redeliver", $"{id.ToString(CultureInfo.InvariantCulture)}: {deliveryId}", cancellationToken);
        _service.Wake();
        return Done(delivery);
    }

    /// <summary>Why a definition cannot be saved, or null.</summary>
    public static string? Validate(WebhookDefinition definition, bool creating)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (string.IsNullOrWhiteSpace(definition.Name) || definition.Name.Trim().Length > MaxNameLength)
        {
            return $"'name' is required, at most {MaxNameLength} characters";
        }

        if (string.IsNullOrWhiteSpace(definition.Url) || definition.Url.Length > MaxUrlLength
            || !Uri.TryCreate(definition.Url.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return "'url' must be an absolute http or https URL";
        }

        if (!string.IsNullOrEmpty(definition.Secret) && (definition.Secret.Length < MinSecretLength || definition.Secret.Length > MaxSecretLength))
        {
            return $"'secret' must be {MinSecretLength} to {MaxSecretLength} characters (or left out to have one generated{(creating ? string.Empty : " or kept")})";
        }

        if (definition.Kinds is not { Count: > 0 } kinds || kinds.Any(k => WebhookEventKinds.Normalize(k) is null))
        {
            return $"'kinds' must list one or more of {string.Join(", ", WebhookEventKinds.All)}";
        }

        if (definition.MaxPriority is { } priority && priority is < 1 or > 4)
        {
            return "'maxPriority' must be 1 (urgent only) to 4 (all)";
        }

        if (!string.IsNullOrWhiteSpace(definition.Area) && !AssetPath.TryParse(definition.Area.Trim(), out _, out _))
        {
            return "'area' must be an asset path, e.g. stuttgart/press-shop";
        }

        return definition.Class is { Length: > MaxNameLength } ? $"'class' must be at most {MaxNameLength} characters" : null;
    }

    private static WebhookResult<T>? Refuse<T>(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return MayManage(user) ? null : new(WebhookOutcome.Forbidden, default, "managing webhooks needs the admin role");
    }

    private static WebhookResult<T> Done<T>(T value) => new(WebhookOutcome.Done, value, null);

    private static WebhookResult<T> NotFound<T>(long id) => new(WebhookOutcome.NotFound, default, $"no webhook {id.ToString(CultureInfo.InvariantCulture)}");

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Describe(WebhookSubscription w) =>
        string.Create(CultureInfo.InvariantCulture, $"{w.Id} '{w.Name}' -> {w.Url} (kinds {w.Kinds}, priority <= {w.MaxPriority}, area {w.AreaPrefix ?? "*"}, class {w.Class ?? "*"}{(w.Enabled ? string.Empty : ", disabled")})");
}
