namespace Nightshift.Core.Series;

/// <summary>The compact, stable identifier of one time series (one tag of one asset in one tenant).</summary>
public readonly record struct SeriesId(int Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
