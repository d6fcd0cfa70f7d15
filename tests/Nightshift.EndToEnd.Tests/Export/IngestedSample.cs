namespace Nightshift.EndToEnd.Tests.Export;

/// <summary>A sample as a test ingests it through the API: one of <see cref="Number"/>, <see cref="Count"/>, <see cref="Flag"/> or <see cref="Text"/> is set, or none with a bad quality.</summary>
public sealed record IngestedSample(string Tag, DateTime Time, double? Number, long? Count, bool? Flag, string? Text, string Quality)
{
    /// <summary>The OPC UA code of <see cref="Quality"/> (good, uncertain or bad).</summary>
    public uint QualityCode => Quality switch
    {
        "uncertain" => 0x4000_0000,
        "bad" => 0x8000_0000,
        _ => 0,
    };

    /// <summary>The name the CSV export writes for the quality.</summary>
    public string QualityName => Quality switch
    {
        "uncertain" => "Uncertain",
        "bad" => "Bad",
        _ => "Good",
    };

    /// <summary>The numeric value as the Parquet export holds it.</summary>
    public double? AsDouble => Number ?? Count ?? (Flag is { } flag ? (flag ? 1 : 0) : null);

    /// <summary>The JSON object of <c>POST /api/v1/ingest</c>.</summary>
    public object ToJson() => new
    {
        tag = Tag,
        timestamp = Time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        value = (object?)Number ?? (object?)Count ?? (object?)Flag ?? Text,
        quality = Quality,
    };
}
