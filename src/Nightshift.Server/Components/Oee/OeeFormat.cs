using System.Globalization;

namespace Nightshift.Server.Components.Oee;

/// <summary>How the OEE dashboard and the order board write figures. Stateless.</summary>
public static class OeeFormat
{
    /// <summary>A ratio as a percentage with one decimal, e.g. 0.8534 → "85.3 %"; a dash without planned time.</summary>
    public static string Percent(double ratio, bool known = true) =>
        known && double.IsFinite(ratio) ? (ratio * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "–";

    /// <summary>A duration as hours and minutes, e.g. "7 h 05 min", "42 min", "35 s".</summary>
    public static string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            return "-" + Duration(duration.Negate());
        }

        if (duration < TimeSpan.FromMinutes(1))
        {
            return ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture) + " s";
        }

        var hours = (long)duration.TotalHours;
        return hours == 0
            ? ((int)duration.TotalMinutes).ToString(CultureInfo.InvariantCulture) + " min"
            : hours.ToString(CultureInfo.InvariantCulture) + " h " + duration.Minutes.ToString("00", CultureInfo.InvariantCulture) + " min";
    }

    /// <summary>A count with thousands separators, e.g. "12,480".</summary>
    public static string Count(long count) => count.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>The CSS class of an OEE figure: good (≥ 85 %), fair (≥ 60 %) or poor.</summary>
    public static string Grade(double ratio) => ratio >= 0.85 ? "oee-good" : ratio >= 0.6 ? "oee-fair" : "oee-poor";

    /// <summary>A number for SVG attributes (invariant culture, two decimals).</summary>
    public static string Svg(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A local time of day or date and time, in the zone, e.g. "06:00" or "Mon 2 Mar 06:00".</summary>
    public static string Local(DateTime utc, TimeZoneInfo zone, bool withDate)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        return local.ToString(withDate ? "ddd d MMM HH:mm" : "HH:mm", CultureInfo.InvariantCulture);
    }
}
