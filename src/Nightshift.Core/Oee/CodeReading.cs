namespace Nightshift.Core.Oee;

/// <summary>
/// One reading of an equipment's fault code tag at <see cref="Timestamp"/> (UTC); null, empty or "0" means no fault.
/// Immutable.
/// </summary>
public readonly record struct CodeReading(DateTime Timestamp, string? Code);
