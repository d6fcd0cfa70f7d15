using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nightshift.Server.Connectors;
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
        var document = ConnectorDocumentReader.Masked(connector.Document);
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

    private static async Task<IResult> PutAsync(HttpContext context, ConnectorCommands commands)
    {
        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        if (body is null)
        {
            return ApiErrors.BadRequest("connector_invalid", $"document: larger than {MaxDocumentBytes} bytes");
        }

        var result = await commands.PutAsync(context.User, body, context.RequestAborted);
        return result.Outcome switch
        {
            ConnectorCommandOutcome.Created => Results.Created($"/api/v1/connectors/{Uri.EscapeDataString(result.Connector!.Document.Name!)}", ToDto(result.Connector)),
            ConnectorCommandOutcome.Done => Results.Ok(ToDto(result.Connector!)),
            ConnectorCommandOutcome.Invalid => ApiErrors.BadRequest("connector_invalid", string.Join("; ", result.Errors)),
            _ => Results.Forbid(),
        };
    }

    private static async Task<IResult> EnableAsync(string name, HttpContext context, ConnectorCommands commands) =>
        Respond(await commands.SetEnabledAsync(context.User, name, true, context.RequestAborted), context, name);

    private static async Task<IResult> DisableAsync(string name, HttpContext context, ConnectorCommands commands) =>
        Respond(await commands.SetEnabledAsync(context.User, name, false, context.RequestAborted), context, name);

    private static async Task<IResult> DeleteAsync(string name, HttpContext context, ConnectorCommands commands) =>
        Respond(await commands.DeleteAsync(context.User, name, context.RequestAborted), context, name);

    private static IResult Respond(ConnectorCommandResult result, HttpContext context, string name) => result.Outcome switch
    {
        ConnectorCommandOutcome.NotFound => NotFound(context, name),
        ConnectorCommandOutcome.Forbidden => Results.Forbid(),
        _ => result.Connector is { } connector ? Results.Ok(ToDto(connector)) : Results.NoContent(),
    };

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
