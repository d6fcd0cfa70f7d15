using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nightshift.Core.Ingest;
using Nightshift.Server.Identity;
using Nightshift.Server.Ingest;

namespace Nightshift.Server.Api;

/// <summary>
/// <c>POST /api/v1/ingest</c>: a JSON batch of samples, for scripts and devices without MQTT. Answers 200 only once
/// every sample is in the historian's write-ahead log on disk (the pipeline awaits the durable write).
/// </summary>
public static class IngestApi
{
    public const int MaxBodyBytes = 8 * 1024 * 1024;

    public static IEndpointRouteBuilder MapIngestApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/ingest", IngestAsync)
            .RequireAuthorization(policy => policy.RequireRole(Roles.AtLeast(Roles.Operator)))
            .WithName("Ingest")
            .WithSummary("Accepts {\"samples\":[{\"tag\",\"value\",\"timestamp\"?,\"quality\"?}]}; the whole batch is rejected with the reason if any sample is invalid.")
            .Accepts<object>("application/json")
            .Produces<IngestResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    private static async Task<IResult> IngestAsync(HttpContext context, IIngestSink sink, TimeProvider time)
    {
        var tenant = context.User.Tenant();
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return ApiErrors.BadRequest("ingest_too_large", $"the body is larger than {MaxBodyBytes} bytes");
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        if (body.Length > MaxBodyBytes)
        {
            return ApiErrors.BadRequest("ingest_too_large", $"the body is larger than {MaxBodyBytes} bytes");
        }

        if (!IngestRequestParser.TryParse(body.GetBuffer().AsSpan(0, (int)body.Length), tenant, time.GetUtcNow().UtcDateTime, out var batches, out var error))
        {
            return ApiErrors.BadRequest("ingest_invalid", error!);
        }

        var accepted = 0;
        foreach (var batch in batches)
        {
            await sink.IngestAsync(batch, context.RequestAborted);
            accepted += batch.Points.Count;
        }

        return Results.Ok(new IngestResponse(accepted));
    }
}
