namespace Nightshift.Connectivity.OpcUa.Types;

/// <summary>A human-readable text with an optional locale (Part 3, 8.5). Immutable and thread-safe.</summary>
public sealed record LocalizedText(string? Locale, string? Text)
{
    public static LocalizedText Null { get; } = new(null, null);

    public override string ToString() => Text ?? string.Empty;
}
