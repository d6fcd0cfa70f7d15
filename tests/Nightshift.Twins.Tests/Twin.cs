using Nightshift.Core.Samples;
using Nightshift.Core.Series;
using Nightshift.Twins.Equipment;

namespace Nightshift.Twins.Tests;

/// <summary>Short ways to make twin keys and tag updates in tests.</summary>
public static class Twin
{
    public const string StateTag = "state";

    public static readonly DateTime T0 = new(2026, 3, 2, 6, 0, 0, DateTimeKind.Utc);

    /// <summary>A tenant no other test uses, so that twins and listener calls of tests do not mix.</summary>
    public static string NewTenant() => "tenant-" + Guid.NewGuid().ToString("N");

    public static DateTime At(int seconds) => T0.AddSeconds(seconds);

    public static TagUpdate Number(string tag, double value, int seconds, Quality? quality = null) =>
        new(tag, TagValue.From(new Sample(new SeriesId(1), At(seconds), SampleValue.FromDouble(value), quality ?? Quality.Good)));

    public static TagUpdate Text(string tag, string value, int seconds) =>
        new(tag, TagValue.From(new Sample(new SeriesId(2), At(seconds), SampleValue.FromString(value), Quality.Good)));

    public static TagUpdate State(string value, int seconds) => Text(StateTag, value, seconds);
}
