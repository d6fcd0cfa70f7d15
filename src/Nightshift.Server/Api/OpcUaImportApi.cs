using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Nightshift.Connectivity.OpcUa.Client;
using Nightshift.Connectivity.OpcUa.Security;
using Nightshift.Connectivity.OpcUa.Services;
using Nightshift.Connectivity.OpcUa.Types;
using Nightshift.Core.Assets;
using Nightshift.Server.Connectors;
using Nightshift.Server.Data;
using Nightshift.Server.Identity;

namespace Nightshift.Server.Api;

/// <summary>
/// <c>POST /api/v1/connectors/opcua/import</c>: browses an OPC UA server and answers a plant file — asset types,
/// equipment under a line and an OPC UA connector per equipment — for an engineer to edit and load (engineer or more;
/// audited as <c>connector.import</c>). A server that cannot be reached or refuses answers 502 with the reason.
/// </summary>
public static class OpcUaImportApi
{
    /// <summary>The deepest browse an import may ask for.</summary>
    public const int MaxDepth = 20;

    public static IEndpointRouteBuilder MapOpcUaImportApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/v1/connectors/opcua").RequireAuthorization(policy => policy.RequireRole(Roles.AtLeast(Roles.Engineer)))
            .MapPost("/import", ImportAsync).WithName("ImportOpcUaAddressSpace")
            .WithSummary("Browses an OPC UA server and answers a plant file (types, equipment, connectors) to edit and load.")
            .Produces<OpcUaImportResponse>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status502BadGateway);
        return routes;
    }

    private static async Task<IResult> ImportAsync(
        OpcUaImportRequest? request, HttpContext context, NightshiftOptions options, AuditLog audit, TimeProvider time, ILoggerFactory loggers)
    {
        if (request is null)
        {
            return ApiErrors.BadRequest("import_invalid", "a JSON body is required");
        }

        if (!AssetPath.TryParse(request.Line, out var line, out var lineError) || line.Depth != 3)
        {
            return ApiErrors.BadRequest("import_invalid", $"line: {lineError ?? "must be a line path: site/area/line"}");
        }

        var zone = request.TimeZone ?? "UTC";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            return ApiErrors.BadRequest("import_invalid", $"timeZone: unknown time zone '{zone}'");
        }

        var depth = request.MaxDepth ?? 5;
        if (depth is < 1 or > MaxDepth)
        {
            return ApiErrors.BadRequest("import_invalid", $"maxDepth: must be 1 to {MaxDepth}");
        }

        // The connection is checked by the connector rules: the same fields mean the same as in a connector document.
        var root = request.Root ?? "i=85";
        var probe = ConnectorDocumentReader.Check(new ConnectorDocument
        {
            Name = "import",
            Kind = ConnectorDocumentReader.OpcUaKind,
            EndpointUrl = request.EndpointUrl,
            Security = request.Security,
            User = request.User,
            Password = request.Password,
            PollGroups = [new ConnectorPollGroupDocument { Name = "all", IntervalMs = request.IntervalMs ?? 1000, Points = [new ConnectorPointDocument { Name = "root", NodeId = root }] }],
        });
        if (!probe.IsValid)
        {
            return ApiErrors.BadRequest("import_invalid", string.Join("; ", probe.Errors).Replace("pollGroups[0].points[0].nodeId", "root", StringComparison.Ordinal).Replace("pollGroups[0].intervalMs", "intervalMs", StringComparison.Ordinal));
        }

        var settings = probe.Settings!;
        OpcUaImportedObject imported;
        try
        {
            using var certificates = settings.OpcUa!.Mode == MessageSecurityMode.None
                ? null
                : new CertificateStore(Path.Combine(Path.GetFullPath(options.DataDirectory), "pki"), new CertificateStoreOptions(), time, loggers.CreateLogger<CertificateStore>());
            await using var client = await OpcUaConnectorRuntime.ConnectAsync(settings, certificates, null, time, loggers, context.RequestAborted);
            imported = await client.ImportAddressSpaceAsync(new OpcUaImportOptions { Root = NodeId.Parse(root), MaxDepth = depth }, context.RequestAborted);
        }
        catch (Exception ex) when (ex is OpcUaServiceException or OpcUaSecurityException or System.Net.Sockets.SocketException or IOException or TimeoutException)
        {
            return Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The OPC UA server could not be browsed", detail: $"{request.EndpointUrl}: {ex.Message}");
        }

        var result = OpcUaPlantImport.ToPlantFile(imported, line, zone, probe.Document!, settings.FastestInterval);
        await audit.WriteAsync(context.User.Tenant(), context.User.Actor(), "connector.import", $"{request.EndpointUrl} from {root}: {result.Equipment} equipment, {result.Tags} tags", context.RequestAborted);
        return Results.Ok(new OpcUaImportResponse(result.PlantFile, result.Equipment, result.Tags, result.Skipped));
    }
}
