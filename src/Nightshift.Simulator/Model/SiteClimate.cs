namespace Nightshift.Simulator.Model;

/// <summary>
/// The sun and the weather at the site (Stuttgart, 48.78° N, 9.18° E). The sun's elevation follows the NOAA
/// approximations of declination and equation of time from the UTC instant, so day and night fall where they
/// fall in the site's time zone (Europe/Berlin) without the model reading a time zone database.
/// Clear-sky global horizontal irradiance follows Haurwitz: 1098 · cos z · exp(−0.057 / cos z) W/m².
/// </summary>
internal static class SiteClimate
{
    public const double LatitudeDegrees = 48.78;
    public const double LongitudeDegrees = 9.18;

    /// <summary>The sine of the sun's elevation above the horizon (negative at night).</summary>
    public static double SunElevationSine(DateTime utc)
    {
        var hours = utc.TimeOfDay.TotalHours;
        var gamma = 2.0 * Math.PI / 365.0 * (utc.DayOfYear - 1 + ((hours - 12.0) / 24.0));
        var declination = 0.006918 - (0.399912 * Math.Cos(gamma)) + (0.070257 * Math.Sin(gamma))
            - (0.006758 * Math.Cos(2 * gamma)) + (0.000907 * Math.Sin(2 * gamma))
            - (0.002697 * Math.Cos(3 * gamma)) + (0.00148 * Math.Sin(3 * gamma));
        var equationOfTimeMinutes = 229.18 * (0.000075 + (0.001868 * Math.Cos(gamma)) - (0.032077 * Math.Sin(gamma))
            - (0.014615 * Math.Cos(2 * gamma)) - (0.040849 * Math.Sin(2 * gamma)));
        var trueSolarMinutes = (hours * 60.0) + equationOfTimeMinutes + (4.0 * LongitudeDegrees);
        var hourAngle = ((trueSolarMinutes / 4.0) - 180.0) * Math.PI / 180.0;
        var latitude = LatitudeDegrees * Math.PI / 180.0;
        return (Math.Sin(latitude) * Math.Sin(declination)) + (Math.Cos(latitude) * Math.Cos(declination) * Math.Cos(hourAngle));
    }

    /// <summary>Clear-sky global horizontal irradiance, in W/m².</summary>
    public static double ClearSkyIrradiance(DateTime utc)
    {
        var sine = SunElevationSine(utc);
        return sine <= 0.01 ? 0.0 : 1098.0 * sine * Math.Exp(-0.057 / sine);
    }

    /// <summary>
    /// The outdoor temperature in °C: a seasonal mean (about 1 °C in January, 19 °C in July) and a daily swing of
    /// ±5 K peaking in the mid-afternoon (solar time).
    /// </summary>
    public static double OutdoorTemperature(DateTime utc)
    {
        var seasonal = 10.0 - (9.0 * Math.Cos(2.0 * Math.PI * (utc.DayOfYear - 15) / 365.0));
        var solarHour = utc.TimeOfDay.TotalHours + (LongitudeDegrees / 15.0);
        var daily = 5.0 * Math.Sin(2.0 * Math.PI * (solarHour - 9.0) / 24.0);
        return seasonal + daily;
    }
}
