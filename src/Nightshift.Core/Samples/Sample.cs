using Nightshift.Core.Series;

namespace Nightshift.Core.Samples;

/// <summary>One value of one series at one instant (UTC), with its quality.</summary>
public readonly record struct Sample(SeriesId Series, DateTime Timestamp, SampleValue Value, Quality Quality);
