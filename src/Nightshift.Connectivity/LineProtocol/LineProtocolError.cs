using System.Globalization;

namespace Nightshift.Connectivity.LineProtocol;

/// <summary>
/// Why one line could not be parsed: the 1-based line number, the 1-based column (in bytes of UTF-8) where the problem
/// was found, the reason (InfluxDB's words, e.g. <c>missing fields</c>) and the text of the line (at most
/// <see cref="MaxTextLength"/> characters). Immutable and thread-safe.
/// </summary>
public sealed record LineProtocolError(int Line, int Column, string Reason, string Text)
{
    public const int MaxTextLength = 200;

    /// <summary>As InfluxDB words it, with the position: <c>unable to parse 'cpu v=': missing field value (line 3, column 7)</c>.</summary>
    public string Message => string.Create(CultureInfo.InvariantCulture, $"unable to parse '{Text}': {Reason} (line {Line}, column {Column})");

    public override string ToString() => Message;
}
