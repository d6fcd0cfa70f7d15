namespace Nightshift.Server.Api;

/// <summary>A tag with its latest value in API responses. <see cref="SeriesId"/> is null until the tag has received data.</summary>
public sealed record TagDto(string Path, int? SeriesId, string? Unit, string? DataType, object? Value, string? Quality, DateTime? Timestamp);
