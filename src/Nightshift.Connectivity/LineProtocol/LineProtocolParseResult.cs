namespace Nightshift.Connectivity.LineProtocol;

/// <summary>
/// What <see cref="LineProtocolParser.Parse"/> found: the points of the good lines, in order; the first errors (at
/// most the maximum asked for) and the count of all bad lines. A bad line never stops the good ones. Immutable.
/// </summary>
public sealed class LineProtocolParseResult(IReadOnlyList<LineProtocolPoint> points, IReadOnlyList<LineProtocolError> errors, int errorCount)
{
    public IReadOnlyList<LineProtocolPoint> Points { get; } = points;

    /// <summary>The first errors, in line order.</summary>
    public IReadOnlyList<LineProtocolError> Errors { get; } = errors;

    /// <summary>The number of lines that could not be parsed (may exceed <see cref="Errors"/>' count).</summary>
    public int ErrorCount { get; } = errorCount;

    public bool HasErrors => ErrorCount > 0;
}
