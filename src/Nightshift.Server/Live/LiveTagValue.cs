namespace Nightshift.Server.Live;

/// <summary>A tag's new value as pushed to live views: JSON-friendly (value is double, long, bool, string or null).</summary>
public sealed record LiveTagValue(string Tag, object? Value, string Quality, bool Good, DateTime Timestamp);
