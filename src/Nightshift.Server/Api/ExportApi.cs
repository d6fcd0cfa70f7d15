using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Nightshift.Core.Assets;
using Nightshift.Server.Data;
using Nightshift.Server.Export;
using Nightshift.Server.Identity;
using Nightshift.Server.Ingest;

namespace Nightshift.Server.Api;

/// <summary>
/// <c>GET /api/v1/export</c>: the history of up to <see cref="HistoryExporter.MaxTags"/> tags of the caller's tenant (any
/// role) as CSV or Parquet, streamed while the historian is read, audited. The resolved range is also sent in the headers
/// <see cref="FromHeader"/> and <see cref="ToHeader"/> (for a client's progress).
/// </summary>
public static class ExportApi
{
    /// <summary>The response header with the start of the exported range (ISO 8601 UTC).</summary>
    public const string FromHeader = "X-Nightshift-Export-From";

    /// <summary>The response header with the end of the exported range (ISO 8601 UTC).</summary>
    public const string ToHeader = "X-Nightshift-Export-To";

    public static IEndpointRouteBuilder MapExportApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/export", ExportAsync)
            .WithName("ExportHistory")
            .WithSummary("GET /api/v1/export?tags=a,b&from=&to=&format=csv|parquet&layout=long|wide&interval=: the history of tags as a streamed CSV or Parquet file.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .Produces(StatusCodes.Status200OK, contentType: "application/vnd.apache.parquet")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> ExportAsync(
        HttpContext context, string? from, string? to, string? format, string? layout, string? interval, TagHistory history, HistoryExporter exporter, AuditLog audit, TimeProvider time, ILoggerFactory loggers)
    {
        var tenant = context.User.Tenant();
        var query = context.Request.Query;
        if (!TryReadTags(query["tags"], query["tag"], out var paths, out var error))
        {
            return ApiErrors.BadRequest("export_tags", error);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (!QueryTime.TryParse(to, now, out var toUtc, out error) || !QueryTime.TryParse(from, toUtc.AddHours(-1), out var fromUtc, out error))
        {
            return ApiErrors.BadRequest("bad_time", error);
        }

        if (fromUtc >= toUtc)
        {
            return ApiErrors.BadRequest("bad_time_range", $"'from' ({fromUtc:O}) must be before 'to' ({toUtc:O})");
        }

        if (!TryReadFormat(format, out var fileFormat) || !TryReadLayout(layout, out var fileLayout))
        {
            return ApiErrors.BadRequest("export_format", "'format' must be csv or parquet and 'layout' long or wide");
        }

        TimeSpan? width = null;
        if (!string.IsNullOrEmpty(interval))
        {
            if (!ExportInterval.TryParse(interval, out width, out error))
            {
                return ApiErrors.BadRequest("export_interval", error);
            }

            if ((toUtc - fromUtc).Ticks / width.Value.Ticks > HistoryExporter.MaxBuckets)
            {
                return ApiErrors.BadRequest("export_interval", $"the range holds more than {HistoryExporter.MaxBuckets} buckets of {interval}; choose a longer interval");
            }
        }

        var tags = new List<ExportTag>(paths.Count);
        foreach (var path in paths)
        {
            if (history.Find(tenant, path) is not { } series)
            {
                return ApiErrors.NotFound($"no tag '{path}' with history in tenant '{tenant}'");
            }

            tags.Add(new ExportTag(path.ToString(), series.Id));
        }

        var request = new ExportRequest(tenant, tags, fromUtc, toUtc, fileFormat, fileLayout) { Interval = width };
        var actor = context.User.Actor();
        var cancellationToken = context.RequestAborted;
        await audit.WriteAsync(tenant, actor, "history.export", Describe(request), cancellationToken);

        var logger = loggers.CreateLogger(typeof(ExportApi).FullName!);
        ExportLog.Started(logger, tags.Count, fromUtc, toUtc, fileFormat, fileLayout, actor, tenant);
        var response = context.Response;
        response.ContentType = request.ContentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"{request.FileName}\"";
        response.Headers[FromHeader] = fromUtc.ToString("O", CultureInfo.InvariantCulture);
        response.Headers[ToHeader] = toUtc.ToString("O", CultureInfo.InvariantCulture);
        var formatTag = new KeyValuePair<string, object?>("format", request.Extension);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var summary = await exporter.ExportAsync(request, response.Body, cancellationToken);
            ExportMetrics.Exports.Add(1, formatTag);
            ExportMetrics.Samples.Add(summary.Samples, formatTag);
            var milliseconds = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            ExportLog.Completed(logger, summary.Samples, summary.Rows, summary.Bytes, milliseconds);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            ExportMetrics.Failures.Add(1, formatTag);
            ExportLog.Cancelled(logger);
        }
        catch (IOException ex) when (response.HasStarted)
        {
            // Writing to the response failed: the client or the connection went away.
            ExportMetrics.Failures.Add(1, formatTag);
            ExportLog.ConnectionLost(logger, ex.Message);
            context.Abort();
        }
        catch (Exception ex) when (response.HasStarted)
        {
            // The status line went out with 200: only an aborted connection tells the client the file is incomplete.
            // (Before the response started, the exception propagates and the client gets a 500.)
            ExportMetrics.Failures.Add(1, formatTag);
            ExportLog.Failed(logger, ex);
            context.Abort();
        }

        return Results.Empty;
    }

    private static bool TryReadTags(StringValues lists, StringValues singles, out IReadOnlyList<TagPath> paths, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        paths = [];
        var names = new List<string>();
        foreach (var list in lists)
        {
            names.AddRange((list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        names.AddRange(singles.Where(s => !string.IsNullOrEmpty(s))!);
        var unique = names.Distinct(StringComparer.Ordinal).ToList();
        if (unique.Count == 0)
        {
            error = "'tags' must name at least one tag path (comma-separated), e.g. tags=site/area/line/cell/press-1.power";
            return false;
        }

        if (unique.Count > HistoryExporter.MaxTags)
        {
            error = $"at most {HistoryExporter.MaxTags} tags per export, not {unique.Count}";
            return false;
        }

        var parsed = new List<TagPath>(unique.Count);
        foreach (var name in unique)
        {
            if (!TagPath.TryParse(name, out var path, out error))
            {
                return false;
            }

            parsed.Add(path);
        }

        paths = parsed;
        error = null;
        return true;
    }

    private static bool TryReadFormat(string? text, out ExportFormat format)
    {
        format = ExportFormat.Csv;
        if (string.IsNullOrEmpty(text) || text.Equals("csv", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        format = ExportFormat.Parquet;
        return text.Equals("parquet", StringComparison.OrdinalIgnoreCase);
    }

    private static bool TryReadLayout(string? text, out ExportLayout layout)
    {
        layout = ExportLayout.Long;
        if (string.IsNullOrEmpty(text) || text.Equals("long", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        layout = ExportLayout.Wide;
        return text.Equals("wide", StringComparison.OrdinalIgnoreCase);
    }

    private static string Describe(ExportRequest request)
    {
        var names = string.Join(", ", request.Tags.Take(5).Select(t => t.Name)) + (request.Tags.Count > 5 ? $" and {request.Tags.Count - 5} more" : string.Empty);
        var interval = request.Interval is { } width ? $", interval {width}" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{request.Extension} {request.Layout.ToString().ToLowerInvariant()}{interval}, [{request.FromUtc:O}, {request.ToUtc:O}): {names}");
    }
}
