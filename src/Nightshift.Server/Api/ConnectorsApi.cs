using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nightshift.Server.Connectors;
using Nightshift.Server.Data;
using Nightshift.Server.Identity;

namespace Nightshift.Server.Api;

/// <summary>
/// The connectors of the caller's tenant (docs/connectors.md, "Connector framework"): list and read with status (any
/// role); create or replace, enable, disable and delete (engineer or more, audited). An invalid document gets 400 with
/// every error naming its field; an unknown name 404.
/// </summary>
public static class ConnectorsApi
{
    /// <summary>The largest connector document accepted, in bytes.</summary>
    public const int MaxDocumentBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapConnectorsApi(this IEndpointRouteBuilder routes)
    {
        var readers = routes.MapGroup("/api/v1/connectors");
        readers.MapGet(string.Empty, List).WithName("ListConnectors").WithSummary("The connectors of the tenant with their status.")
            .Produces<IReadOnlyList<ConnectorDto>>();
        readers.MapGet("/{name}", Get).WithName("GetConnector").WithSummary("One connector with its status.")
            .Produces<ConnectorDto>().ProducesProblem(StatusCodes.Status404NotFound);

        var engineers = routes.MapGroup("/api/v1/connectors").RequireAuthorization(policy => policy.RequireRole(Roles.AtLeast(Roles.Engineer)));
        engineers.MapPost(string.Empty, PutAsync).WithName("PutConnector")
            .WithSummary("Creates a connector, or replaces the one of the same name, from a connector document; starts it when enabled.")
            .Accepts<ConnectorDocument>("application/json")
            .Produces<ConnectorDto>(StatusCodes.Status201Created).Produces<ConnectorDto>().ProducesProblem(StatusCodes.Status400BadRequest);
        engineers.MapPost("/{name}/enable", EnableAsync).WithName("EnableConnector").WithSummary("Starts a connector and keeps it enabled across restarts.")
            .Produces<ConnectorDto>().ProducesProblem(StatusCodes.Status404NotFound);
        engineers.MapPost("/{name}/disable", DisableAsync).WithName("DisableConnector").WithSummary("Stops a connector (its sources go offline) and keeps it disabled.")
            .Produces<ConnectorDto>().ProducesProblem(StatusCodes.Status404NotFound);
        engineers.MapDelete("/{name}", DeleteAsync).WithName("DeleteConnector").WithSummary("Stops and removes a connector.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    /// <summary>The API form of a connector.</summary>
    public static ConnectorDto ToDto(ConnectorView connector)
    {
        ArgumentNullException.ThrowIfNull(connector);
        var document = connector.Document;
        var status = connector.Status;
        return new ConnectorDto(
            document.Name!,
            document.Kind!,
            document.Enabled ?? true,
            document,
            new ConnectorStatusDto(status.State.ToString(), status.LastError, status.LastErrorTime, status.Requests, status.Errors, status.Points, status.Reconnects, status.LastDataTime));
    }

    private static IResult List(HttpContext context, ConnectorManager connectors) =>
        Results.Ok(connectors.List(context.User.Tenant()).Select(ToDto).ToList());

    private static IResult Get(string name, HttpContext context, ConnectorManager connectors) =>
        connectors.Get(context.User.Tenant(), name) is { } connector ? Results.Ok(ToDto(connector)) : NotFound(context, name);

    private static async Task<IResult> PutAsync(HttpContext context, ConnectorManager connectors, AuditLog audit)
    {
        var tenant = context.User.Tenant();
        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        if (body is null)
        {
            return ApiErrors.BadRequest("connector_invalid", $"document: larger than {MaxDocumentBytes} bytes");
        }

        var read = ConnectorDocumentReader.Read(body);
        if (!read.IsValid)
        {
            return ApiErrors.BadRequest("connector_invalid", string.Join("; ", read.Errors));
        }

        var name = read.Settings!.Name;
        var created = await connectors.PutAsync(tenant, read, context.RequestAborted);
        await audit.WriteAsync(tenant, context.User.Actor(), created ? "connector.create" : "connector.replace", ConnectorDocumentReader.Write(read.Document!), context.RequestAborted);
        var dto = ToDto(connectors.Get(tenant, name)!);
        return created ? Results.Created($"/api/v1/connectors/{Uri.EscapeDataString(name)}", dto) : Results.Ok(dto);
    }

    private static Task<IResult> EnableAsync(string name, HttpContext context, ConnectorManager connectors, AuditLog audit) =>
        SetEnabledAsync(name, true, context, connectors, audit);

    private static Task<IResult> DisableAsync(string name, HttpContext context, ConnectorManager connectors, AuditLog audit) =>
        SetEnabledAsync(name, false, context, connectors, audit);

    private static async Task<IResult> SetEnabledAsync(string name, bool enabled, HttpContext context, ConnectorManager connectors, AuditLog audit)
    {
        var tenant = context.User.Tenant();
        var connector = await connectors.SetEnabledAsync(tenant, name, enabled, context.RequestAborted);
        if (connector is null)
        {
            return NotFound(context, name);
        }

        await audit.WriteAsync(tenant, context.User.Actor(), enabled ? "connector.enable" : "connector.disable", name, context.RequestAborted);
        return Results.Ok(ToDto(connector));
    }

    private static async Task<IResult> DeleteAsync(string name, HttpContext context, ConnectorManager connectors, AuditLog audit)
    {
        var tenant = context.User.Tenant();
        if (!await connectors.DeleteAsync(tenant, name, context.RequestAborted))
        {
            return NotFound(context, name);
        }

        await audit.WriteAsync(tenant, context.User.Actor(), "connector.delete", name, context.RequestAborted);
        return Results.NoContent();
    }

    private static IResult NotFound(HttpContext context, string name) =>
        ApiErrors.NotFound($"no connector '{name}' in tenant '{context.User.Tenant()}'");

    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxDocumentBytes)
        {
            return null;
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 8192, leaveOpen: true);
        var buffer = new char[8192];
        var text = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > MaxDocumentBytes)
            {
                return null;
            }
        }

        return text.ToString();
    }
}
