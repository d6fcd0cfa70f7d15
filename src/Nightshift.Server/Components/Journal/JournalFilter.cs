using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Nightshift.Core.Assets;
using Nightshift.Core.Events;
using Nightshift.Server.Journal;

namespace Nightshift.Server.Components.Journal;

/// <summary>
/// The filters of the journal page as the user typed them: a time range in the site's local time
/// (<c>yyyy-MM-ddTHH:mm</c>, as a datetime-local input gives it), a kind (empty for all), an equipment path prefix and a
/// text that the message or the actor must contain (case-insensitive). <see cref="TryBuild"/> turns them into an
/// <see cref="EventQuery"/> (UTC) or says what is wrong. Mutable (bound to the form); not thread-safe.
/// </summary>
public sealed class JournalFilter
{
    /// <summary>The format of the time inputs.</summary>
    public const string LocalFormat = "yyyy-MM-dd'T'HH:mm";

    public string From { get; set; } = string.Empty;

    public string To { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public string Asset { get; set; } = string.Empty;

    public string Text { get; set; } = string.Empty;

    /// <summary>Sets the range to the last <paramref name="span"/> before <paramref name="nowUtc"/>, in <paramref name="zone"/>.</summary>
    public void SetLast(TimeSpan span, DateTime nowUtc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var end = TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone);
        To = end.AddMinutes(1).ToString(LocalFormat, CultureInfo.InvariantCulture);
        From = end.Add(-span).ToString(LocalFormat, CultureInfo.InvariantCulture);
    }

    /// <summary>Whether an event passes the text filter.</summary>
    public bool MatchesText(PlantEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var text = Text.Trim();
        return text.Length == 0
            || e.Message.Contains(text, StringComparison.OrdinalIgnoreCase)
            || e.Actor.Contains(text, StringComparison.OrdinalIgnoreCase)
            || (e.Asset?.Value.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false);
    }

    /// <summary>The query of the first page, or why the filters are invalid.</summary>
    public bool TryBuild(string tenant, TimeZoneInfo zone, int limit, [NotNullWhen(true)] out EventQuery? query, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(zone);
        query = null;
        if (!TryLocal(From, zone, "From", out var from, out error) || !TryLocal(To, zone, "To", out var to, out error))
        {
            return false;
        }

        if (to <= from)
        {
            error = "'To' must be after 'From'.";
            return false;
        }

        var kinds = new HashSet<EventKind>();
        if (Kind.Length > 0)
        {
            if (!EventKindNames.TryParse(Kind, out var kind))
            {
                error = "Unknown kind '" + Kind + "'.";
                return false;
            }

            kinds.Add(kind.Value);
        }

        AssetPath? asset = null;
        if (!string.IsNullOrWhiteSpace(Asset) && !AssetPath.TryParse(Asset.Trim().Trim('/'), out asset, out var pathError))
        {
            error = "Equipment path: " + pathError;
            return false;
        }

        query = new EventQuery(tenant, from, to) { Kinds = kinds, Asset = asset, Limit = limit };
        return true;
    }

    /// <summary>The query string of the CSV export of the same events (UTC times with a zone).</summary>
    public string ExportQuery(EventQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parts = new List<string>
        {
            "from=" + Uri.EscapeDataString(query.From.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            "to=" + Uri.EscapeDataString(query.To.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        };
        if (query.Kinds.Count > 0)
        {
            parts.Add("kind=" + string.Join(',', query.Kinds.Select(EventKindNames.Name)));
        }

        if (query.Asset is { Depth: > 0 } asset)
        {
            parts.Add("asset=" + Uri.EscapeDataString(asset.Value));
        }

        if (Text.Trim().Length > 0)
        {
            parts.Add("text=" + Uri.EscapeDataString(Text.Trim()));
        }

        return string.Join('&', parts);
    }

    private static bool TryLocal(string text, TimeZoneInfo zone, string field, out DateTime utc, [NotNullWhen(false)] out string? error)
    {
        utc = default;
        error = null;
        if (!DateTime.TryParseExact(text, [LocalFormat, "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            error = $"'{field}' must be a date and time ({LocalFormat.Replace("'", string.Empty, StringComparison.Ordinal)}).";
            return false;
        }

        // A local time in a daylight-saving gap does not exist: it is moved forward by the gap, as shift calendars do.
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        utc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
        return true;
    }
}
