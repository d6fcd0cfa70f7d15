using Nightshift.Core.Samples;

namespace Nightshift.Twins.Equipment;

/// <summary>The latest value of one tag as the twin keeps it: an Orleans-serializable form of a sample.</summary>
[GenerateSerializer]
[Immutable]
public sealed record TagValue(
    [property: Id(0)] ValueKind Kind,
    [property: Id(1)] double Number,
    [property: Id(2)] string? Text,
    [property: Id(3)] uint Quality,
    [property: Id(4)] DateTime Timestamp)
{
    public static TagValue From(Sample sample) => sample.Value.Kind switch
    {
        ValueKind.String => new(ValueKind.String, double.NaN, sample.Value.AsString(), sample.Quality.Code, sample.Timestamp),
        ValueKind.Long => new(ValueKind.Long, sample.Value.AsLong(), null, sample.Quality.Code, sample.Timestamp),
        _ => new(sample.Value.Kind, sample.Value.AsDouble(), null, sample.Quality.Code, sample.Timestamp),
    };

    public SampleValue ToSampleValue() => Kind switch
    {
        ValueKind.Double => SampleValue.FromDouble(Number),
        ValueKind.Long => SampleValue.FromLong((long)Number),
        ValueKind.Bool => SampleValue.FromBool(Number != 0),
        ValueKind.String => SampleValue.FromString(Text ?? string.Empty),
        _ => SampleValue.None,
    };

    public Quality ToQuality() => new(Quality);
}
