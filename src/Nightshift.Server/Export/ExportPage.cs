using Nightshift.Core.Samples;

namespace Nightshift.Server.Export;

/// <summary>
/// One page read from the historian for one series: its samples, oldest first, and where the next page starts
/// (<see cref="Next"/>), or null when the series has nothing more in the range. Immutable.
/// </summary>
public sealed record ExportPage(IReadOnlyList<Sample> Samples, DateTime? Next);
