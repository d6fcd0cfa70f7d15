using System.Globalization;

namespace Nightshift.Server.Components.Display;

/// <summary>Formats tag values, durations and times for the control room (invariant culture). Thread-safe.</summary>
public static class ValueFormat
{
    /// <summary>The placeholder shown where no value is known.</summary>
    public const string Missing = "—";

    /// <summary>A value as pushed live (double, long, bool, string or null) with a precision suited to its magnitude.</summary>
    public static string Value(object? value) => value switch
    {
        null => Missing,
        double d => Number(d),
        float f => Number(f),
        long l => l.ToString("#,0", CultureInfo.InvariantCulture),
        int i => i.ToString("#,0", CultureInfo.InvariantCulture),
        bool b => b ? "On" : "Off",
        string s => s.Length == 0 ? Missing : s,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? Missing,
    };

    /// <summary>A number with 0 to 3 decimals depending on its magnitude; "—" for NaN, "∞" for infinities.</summary>
    public static string Number(double value)
    {
        if (double.IsNaN(value))
        {
            return Missing;
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "∞" : "-∞";
        }

        var magnitude = Math.Abs(value);
        var format = magnitude switch
        {
            >= 10_000 => "#,0",
            >= 100 => "#,0.0",
            >= 1 => "0.00",
            0 => "0",
            _ => "0.000",
        };
        return value.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>A unit for display: UCUM annotations lose their braces (<c>{count}</c> becomes <c>count</c>); null stays null.</summary>
    public static string? Unit(string? unit) =>
        unit is { Length: > 2 } && unit[0] == '{' && unit[^1] == '}' ? unit[1..^1] : unit;

    /// <summary>A duration as the two most significant units: "2d 04h", "1h 05m", "4m 12s", "12s".</summary>
    public static string Duration(TimeSpan? duration)
    {
        if (duration is not { } d)
        {
            return Missing;
        }

        if (d < TimeSpan.Zero)
        {
            d = TimeSpan.Zero;
        }

        return d.TotalDays >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalDays}d {d.Hours:00}h")
            : d.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalHours}h {d.Minutes:00}m")
            : d.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalMinutes}m {d.Seconds:00}s")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalSeconds}s");
    }

    /// <summary>A UTC instant as the wall-clock time of <paramref name="zone"/>: "HH:mm:ss", with the date when not today there.</summary>
    public static string Time(DateTime utc, TimeZoneInfo zone, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (utc == default)
        {
            return Missing;
        }

        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        var today = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc), zone).Date;
        return local.ToString(local.Date == today ? "HH:mm:ss" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }
}
