using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nightshift.Core.Assets;
using Nightshift.Core.Events;
using Nightshift.Server.Api;
using Nightshift.Server.Identity;
using Nightshift.Server.Journal;

namespace Nightshift.Server.Components.Journal;

/// <summary>
/// The journal page's CSV download, <c>GET /journal/events.csv</c>: the same CSV as <c>GET /api/v1/events.csv</c> (same
/// <c>from</c>, <c>to</c>, <c>kind</c>, <c>asset</c> parameters) plus the page's <c>text</c> filter, for the signed-in user of
/// the browser (the cookie; the <c>/api</c> routes take bearer credentials only). At most
/// <see cref="EventsApi.MaxExportRows"/> rows; the caller's tenant only.
/// </summary>
public static class JournalExport
{
    public const string Path = "/journal/events.csv";

    public static IEndpointRouteBuilder MapJournalExport(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, Export).WithName("DownloadJournal").ExcludeFromDescription();
        return routes;
    }

    private static IResult Export(string? from, string? to, string? kind, string? asset, string? text, HttpContext context, EventJournal journal, TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (!QueryTime.TryParse(to, now, out var end, out var error) || !QueryTime.TryParse(from, end.AddDays(-1), out var start, out error))
        {
            return Results.BadRequest(error);
        }

        var kinds = new HashSet<EventKind>();
        foreach (var name in (kind ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!EventKindNames.TryParse(name, out var parsed))
            {
                return Results.BadRequest("unknown kind " + name);
            }

            kinds.Add(parsed.Value);
        }

        if (end <= start || !AssetPath.TryParse(asset, out var path, out error))
        {
            return Results.BadRequest(error ?? "'to' must be after 'from'");
        }

        var filter = new JournalFilter { Text = text ?? string.Empty };
        var query = new EventQuery(context.User.Tenant(), start, end) { Kinds = kinds, Asset = path, Limit = EventJournal.MaxLimit };
        var cancellationToken = context.RequestAborted;
        return Results.Stream(
            async stream =>
            {
                await using var writer = new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 16 * 1024, leaveOpen: true) { NewLine = EventCsv.NewLine };
                await writer.WriteLineAsync(EventCsv.Header.AsMemory(), cancellationToken);
                var rows = 0;
                var next = query;
                while (rows < EventsApi.MaxExportRows)
                {
                    var page = await journal.QueryAsync(next, cancellationToken);
                    foreach (var e in page.Events.Where(filter.MatchesText))
                    {
                        await writer.WriteLineAsync(EventCsv.Row(e).AsMemory(), cancellationToken);
                        rows++;
                    }

                    await writer.FlushAsync(cancellationToken);
                    if (page.Next is not { } cursor)
                    {
                        break;
                    }

                    next = next with { Before = cursor };
                }
            },
            "text/csv; charset=utf-8",
            "journal-" + now.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture) + ".csv");
    }
}
