using Microsoft.AspNetCore.Http;
using Nightshift.Server.Ingest;

namespace Nightshift.Server.Api;

/// <summary>Uniform error responses: problem details with the reason, counted by kind on <c>/metrics</c>.</summary>
public static class ApiErrors
{
    public static IResult BadRequest(string kind, string reason)
    {
        IngestMetrics.ApiErrors.Add(1, new KeyValuePair<string, object?>("kind", kind));
        return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: reason, type: "https://nightshift.dev/errors/" + kind);
    }

    public static IResult Conflict(string reason) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: reason);

    public static IResult NotFound(string reason) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: reason);
}
