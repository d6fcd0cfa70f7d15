using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nightshift.Core.Assets;
using Nightshift.Core.Events;
using Nightshift.Server.Identity;
using Nightshift.Server.Journal;

namespace Nightshift.Server.Api;

/// <summary>
/// The event journal of the caller's tenant (any role): a page as JSON, newest first with a cursor, or every matching event
/// as streamed CSV. Filters: <c>from</c>/<c>to</c> (ISO-8601 with a zone; default the last 24 hours), <c>kind</c>
/// (comma-separated names), <c>asset</c> (at or under a path), <c>limit</c>, <c>before</c> (the cursor of the previous page).
/// </summary>
public static class EventsApi
{
    /// <summary>The events of a JSON page by default.</summary>
    public const int DefaultLimit = 200;

    /// <summary>The most rows of one CSV export.</summary>
    public const int MaxExportRows = 1_000_000;

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/events", ListAsync).WithName("ListEvents")
            .WithSummary("Events of the tenant, newest first: state changes, connectivity, alarm transitions, commands, configuration and audit; paged with 'before'.")
            .Produces<EventsResponse>().ProducesProblem(StatusCodes.Status400BadRequest);
        routes.MapGet("/api/v1/events.csv", ExportAsync).WithName("ExportEvents")
            .WithSummary("The same events as CSV (timestamp,kind,asset,actor,message; RFC 4180), streamed; 'limit' caps the rows (default all).")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    private static async Task<IResult> ListAsync(
        string? from, string? to, string? kind, string? asset, string? limit, string? before, HttpContext context, EventJournal journal, TimeProvider time)
    {
        if (!TryRead(context, time, from, to, kind, asset, before, out var query, out var error)
            || !TryLimit(limit, DefaultLimit, EventJournal.MaxLimit, out var count, out error))
        {
            return ApiErrors.BadRequest("events_invalid", error);
        }

        var page = await journal.QueryAsync(query with { Limit = count }, context.RequestAborted);
        return Results.Ok(new EventsResponse([.. page.Events.Select(ToDto)], page.Next?.ToString()));
    }

    private static IResult ExportAsync(
        string? from, string? to, string? kind, string? asset, string? limit, string? before, HttpContext context, EventJournal journal, TimeProvider time)
    {
        if (!TryRead(context, time, from, to, kind, asset, before, out var query, out var error)
            || !TryLimit(limit, MaxExportRows, MaxExportRows, out var rows, out error))
        {
            return ApiErrors.BadRequest("events_invalid", error);
        }

        var cancellationToken = context.RequestAborted;
        return Results.Stream(
            async stream =>
            {
                await using var writer = new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 16 * 1024, leaveOpen: true) { NewLine = EventCsv.NewLine };
                await writer.WriteLineAsync(EventCsv.Header.AsMemory(), cancellationToken);
                var remaining = rows;
                var next = query with { Limit = Math.Min(remaining, EventJournal.MaxLimit) };
                while (remaining > 0)
                {
                    var page = await journal.QueryAsync(next, cancellationToken);
                    foreach (var e in page.Events)
                    {
                        await writer.WriteLineAsync(EventCsv.Row(e).AsMemory(), cancellationToken);
                    }

                    remaining -= page.Events.Count;
                    await writer.FlushAsync(cancellationToken);
                    if (page.Next is not { } cursor)
                    {
                        break;
                    }

                    next = next with { Before = cursor, Limit = Math.Min(Math.Max(remaining, 1), EventJournal.MaxLimit) };
                }
            },
            "text/csv; charset=utf-8",
            "events.csv");
    }

    private static EventDto ToDto(PlantEvent e) => new(e.Timestamp, EventKindNames.Name(e.Kind), e.Asset?.Value, e.Actor, e.Message);

    private static bool TryRead(
        HttpContext context,
        TimeProvider time,
        string? from,
        string? to,
        string? kind,
        string? asset,
        string? before,
        out EventQuery query,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        query = null!;
        var now = time.GetUtcNow().UtcDateTime;
        if (!QueryTime.TryParse(to, now, out var end, out error) || !QueryTime.TryParse(from, end.AddDays(-1), out var start, out error))
        {
            return false;
        }

        if (end <= start)
        {
            error = "'to' must be after 'from'";
            return false;
        }

        var kinds = new HashSet<EventKind>();
        foreach (var name in (kind ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!EventKindNames.TryParse(name, out var parsed))
            {
                error = $"'kind' must be one or more of {string.Join(", ", EventKindNames.All)}";
                return false;
            }

            kinds.Add(parsed.Value);
        }

        if (!AssetPath.TryParse(asset, out var path, out error))
        {
            return false;
        }

        EventCursor? cursor = null;
        if (!string.IsNullOrEmpty(before))
        {
            if (!EventCursor.TryParse(before, out cursor))
            {
                error = "'before' must be the 'next' cursor of a previous page";
                return false;
            }
        }

        query = new EventQuery(context.User.Tenant(), start, end) { Kinds = kinds, Asset = path, Before = cursor };
        return true;
    }

    private static bool TryLimit(string? text, int fallback, int max, out int limit, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        error = null;
        limit = fallback;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit >= 1 && limit <= max)
        {
            return true;
        }

        error = $"'limit' must be a whole number from 1 to {max}";
        return false;
    }
}
