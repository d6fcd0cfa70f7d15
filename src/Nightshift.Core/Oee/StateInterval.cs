using Nightshift.Core.Assets;

namespace Nightshift.Core.Oee;

/// <summary>
/// One stretch of time [<see cref="Start"/>, <see cref="End"/>) (UTC) an equipment spent in one state, with the
/// state's category and, for downtime, an optional fault or reason code and text. Immutable.
/// </summary>
public sealed record StateInterval(string State, StateCategory Category, DateTime Start, DateTime End)
{
    /// <summary>The fault or reason code (a machine fault code or an operator's re-classification), if any.</summary>
    public string? ReasonCode { get; init; }

    /// <summary>A readable description of <see cref="ReasonCode"/>, if any.</summary>
    public string? ReasonText { get; init; }

    /// <summary>The length of the interval.</summary>
    public TimeSpan Duration => End - Start;
}
