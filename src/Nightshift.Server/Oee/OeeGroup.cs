using Nightshift.Core.Oee;

namespace Nightshift.Server.Oee;

/// <summary>
/// The OEE of one group of an <see cref="OeeReport"/>: its key and label, the span it covers [<see cref="From"/>,
/// <see cref="To"/>) (UTC), how many equipment it sums, and the summed result. Immutable.
/// </summary>
public sealed record OeeGroup(string Key, string Label, DateTime From, DateTime To, int Equipment, OeeResult Result);
