using System.Security.Claims;
using Nightshift.Server.Data;
using Nightshift.Server.Identity;

namespace Nightshift.Server.Connectors;

/// <summary>
/// Changes to connectors as every entry point runs them (the REST API and the control-room page): the role is checked
/// (engineer or more), the document read with <see cref="ConnectorDocumentReader"/>, the change made by the
/// <see cref="ConnectorManager"/> in the caller's tenant, and a change that was made written to the audit log
/// (<c>connector.create</c>, <c>connector.replace</c>, <c>connector.enable</c>, <c>connector.disable</c>,
/// <c>connector.delete</c>). Thread-safe; only storage failures and <see cref="OperationCanceledException"/> throw.
/// </summary>
public sealed class ConnectorCommands(ConnectorManager connectors, AuditLog audit)
{
    /// <summary>Whether <paramref name="user"/> may change connectors: signed in with a tenant, engineer or more.</summary>
    public static bool MayChange(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirstValue(NightshiftClaims.Tenant) is not null && Roles.AtLeast(Roles.Engineer).Any(user.IsInRole);
    }

    /// <summary>Creates a connector from a JSON document, or replaces the one of its name (restarting it).</summary>
    public async Task<ConnectorCommandResult> PutAsync(ClaimsPrincipal user, string json, CancellationToken cancellationToken)
    {
        if (!MayChange(user))
        {
            return ConnectorCommandResult.Of(ConnectorCommandOutcome.Forbidden);
        }

        var tenant = user.Tenant();
        var read = ConnectorDocumentReader.Read(json);
        if (read.IsValid && read.Document!.Password == ConnectorDocumentReader.PasswordMask)
        {
            // A document shown by the API or the page, sent back: it keeps the stored password.
            var stored = connectors.Get(tenant, read.Settings!.Name)?.Document.Password;
            read = stored is null
                ? new ConnectorReadResult(null, null, ["password: the masked password can only keep the password of a stored connector of this name"])
                : ConnectorDocumentReader.Check(read.Document with { Password = stored });
        }

        if (!read.IsValid)
        {
            return new ConnectorCommandResult(ConnectorCommandOutcome.Invalid, null, read.Errors);
        }

        var created = await connectors.PutAsync(tenant, read, cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(tenant, user.Actor(), created ? "connector.create" : "connector.replace", ConnectorDocumentReader.Write(ConnectorDocumentReader.Masked(read.Document!)), cancellationToken).ConfigureAwait(false);
        return ConnectorCommandResult.Of(created ? ConnectorCommandOutcome.Created : ConnectorCommandOutcome.Done, connectors.Get(tenant, read.Settings!.Name));
    }

    /// <summary>Starts (enabled) or stops a connector and keeps the choice across restarts.</summary>
    public async Task<ConnectorCommandResult> SetEnabledAsync(ClaimsPrincipal user, string name, bool enabled, CancellationToken cancellationToken)
    {
        if (!MayChange(user))
        {
            return ConnectorCommandResult.Of(ConnectorCommandOutcome.Forbidden);
        }

        var tenant = user.Tenant();
        var connector = await connectors.SetEnabledAsync(tenant, name, enabled, cancellationToken).ConfigureAwait(false);
        if (connector is null)
        {
            return ConnectorCommandResult.Of(ConnectorCommandOutcome.NotFound);
        }

        await audit.WriteAsync(tenant, user.Actor(), enabled ? "connector.enable" : "connector.disable", name, cancellationToken).ConfigureAwait(false);
        return ConnectorCommandResult.Of(ConnectorCommandOutcome.Done, connector);
    }

    /// <summary>Stops and removes a connector.</summary>
    public async Task<ConnectorCommandResult> DeleteAsync(ClaimsPrincipal user, string name, CancellationToken cancellationToken)
    {
        if (!MayChange(user))
        {
            return ConnectorCommandResult.Of(ConnectorCommandOutcome.Forbidden);
        }

        var tenant = user.Tenant();
        if (!await connectors.DeleteAsync(tenant, name, cancellationToken).ConfigureAwait(false))
        {
            return ConnectorCommandResult.Of(ConnectorCommandOutcome.NotFound);
        }

        await audit.WriteAsync(tenant, user.Actor(), "connector.delete", name, cancellationToken).ConfigureAwait(false);
        return ConnectorCommandResult.Of(ConnectorCommandOutcome.Done);
    }
}
