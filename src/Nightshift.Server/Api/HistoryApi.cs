using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nightshift.Core.Assets;
using Nightshift.Core.Series;
using Nightshift.Historian;
using Nightshift.Server.Identity;
using Nightshift.Server.Ingest;

namespace Nightshift.Server.Api;

/// <summary>
/// History of several tags at once, scoped to the caller's tenant:
/// <c>GET /api/v1/history/aligned?tags=p1,p2&amp;from=&amp;to=&amp;interval=1m&amp;mode=previous|average</c> puts the tags
/// on one time axis (steps <c>from, from + interval, …</c> before <c>to</c>): <c>previous</c> holds the last value at or
/// before each step, <c>average</c> is the mean over <c>[step, step + interval)</c>. JSON by default, CSV
/// (<c>time,&lt;tag&gt;,…</c>) with <c>Accept: text/csv</c>.
/// </summary>
public static class HistoryApi
{
    /// <summary>The most tags one aligned query may name.</summary>
    public const int MaxTags = 100;

    public static IEndpointRouteBuilder MapHistoryApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/history/aligned", GetAlignedAsync)
            .WithName("GetAlignedHistory")
            .WithSummary("Several tags on one time axis: tags (comma-separated or repeated), from, to (ISO-8601; default the last hour), interval (e.g. 10s, 1m, 1h; default 1m), mode (previous or average). JSON, or CSV with Accept: text/csv.")
            .Produces<AlignedHistoryResponse>()
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> GetAlignedAsync(string? from, string? to, string? interval, string? mode, HttpContext context, TagHistory history, PlantCatalog catalog, IHistorian historian, TimeProvider time)
    {
        var tenant = context.User.Tenant();
        var names = context.Request.Query["tags"].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (names.Count is 0 or > MaxTags)
        {
            return ApiErrors.BadRequest("bad_tags", $"name 1 to {MaxTags} tags in 'tags' (comma-separated or repeated), not {names.Count}");
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (!QueryTime.TryParse(to, now, out var toUtc, out var error) || !QueryTime.TryParse(from, toUtc.AddHours(-1), out var fromUtc, out error))
        {
            return ApiErrors.BadRequest("bad_time", error);
        }

        if (fromUtc >= toUtc)
        {
            return ApiErrors.BadRequest("bad_time_range", $"'from' ({fromUtc:O}) must be before 'to' ({toUtc:O})");
        }

        if (!TryParseInterval(interval, out var step, out error))
        {
            return ApiErrors.BadRequest("bad_interval", error);
        }

        if ((toUtc - fromUtc).Ticks / step.Ticks >= AlignedSeries.MaxSteps)
        {
            return ApiErrors.BadRequest("bad_interval", $"the range holds more than {AlignedSeries.MaxSteps} steps of {interval}; choose a longer interval or a shorter range");
        }

        AlignMode alignMode;
        switch (mode?.ToUpperInvariant())
        {
            case null or "PREVIOUS":
                alignMode = AlignMode.Previous;
                break;
            case "AVERAGE":
                alignMode = AlignMode.Average;
                break;
            default:
                return ApiErrors.BadRequest("bad_mode", $"mode must be 'previous' or 'average', not '{mode}'");
        }

        var tags = new List<(TagPath Path, SeriesInfo Series)>(names.Count);
        foreach (var name in names)
        {
            if (!TagPath.TryParse(name, out var path, out error))
            {
                return ApiErrors.BadRequest("bad_tag_path", error);
            }

            if (history.Find(tenant, path) is not { } info)
            {
                return ApiErrors.NotFound($"no tag '{path}' with history in tenant '{tenant}'");
            }

            tags.Add((path, info));
        }

        var aligned = await historian.ReadAlignedAsync([.. tags.Select(t => t.Series.Id)], fromUtc, toUtc, step, alignMode, context.RequestAborted);
        if (context.Request.Headers.Accept.Any(a => a is not null && a.Contains("text/csv", StringComparison.OrdinalIgnoreCase)))
        {
            return Results.Text(ToCsv(tags.Select(t => t.Path.ToString()).ToList(), aligned), "text/csv; charset=utf-8", Encoding.UTF8);
        }

        var series = tags.Select((t, i) => new AlignedHistorySeries(
            t.Path.ToString(), t.Series.Id.Value, catalog.TypeOf(tenant, t.Path.Asset)?.FindTag(t.Path.Tag)?.Unit, aligned.Values[i])).ToList();
        return Results.Ok(new AlignedHistoryResponse(fromUtc, toUtc, step.TotalSeconds, alignMode == AlignMode.Previous ? "previous" : "average", aligned.Times, series));
    }

    /// <summary>A duration as a number and a unit: <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c> or <c>d</c> (e.g. <c>10s</c>, <c>1.5m</c>); default 1 minute.</summary>
    public static bool TryParseInterval(string? text, out TimeSpan interval, [NotNullWhen(false)] out string? error)
    {
        interval = TimeSpan.FromMinutes(1);
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        var (unitLength, scale) = text.EndsWith("ms", StringComparison.Ordinal) ? (2, TimeSpan.TicksPerMillisecond)
            : text.EndsWith('s') ? (1, TimeSpan.TicksPerSecond)
            : text.EndsWith('m') ? (1, TimeSpan.TicksPerMinute)
            : text.EndsWith('h') ? (1, TimeSpan.TicksPerHour)
            : text.EndsWith('d') ? (1, TimeSpan.TicksPerDay)
            : (0, 0L);
        if (unitLength > 0
            && double.TryParse(text.AsSpan(0, text.Length - unitLength), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            && number * scale is >= TimeSpan.TicksPerMillisecond and <= 366 * (double)TimeSpan.TicksPerDay)
        {
            interval = TimeSpan.FromTicks((long)(number * scale));
            return true;
        }

        error = $"'{text}' is not an interval from 1ms to 366d written as a number and a unit (ms, s, m, h, d), e.g. 10s or 1m";
        return false;
    }

    /// <summary>RFC 4180 CSV: a header <c>time,&lt;tag&gt;,…</c>, then one row per step (ISO-8601 UTC, invariant numbers, empty for no value).</summary>
    public static string ToCsv(IReadOnlyList<string> tags, AlignedSeries aligned)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(aligned);
        var csv = new StringBuilder("time");
        foreach (var tag in tags)
        {
            csv.Append(',').Append(Quote(tag));
        }

        csv.Append("\r\n");
        for (var i = 0; i < aligned.Times.Count; i++)
        {
            csv.Append(aligned.Times[i].ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
            foreach (var values in aligned.Values)
            {
                csv.Append(',');
                if (values[i] is { } value)
                {
                    csv.Append(value.ToString("R", CultureInfo.InvariantCulture));
                }
            }

            csv.Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
