using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Nightshift.Core.Plant;

/// <summary>
/// Guards YamlDotNet's parser for untrusted input. It passes parsing events through and
/// <list type="bullet">
/// <item>refuses nesting deeper than <see cref="MaxDepth"/>: the representation model loads collections recursively,
/// so a few hundred kilobytes of '[' would otherwise overflow the stack, which no handler can catch;</item>
/// <item>turns the few non-YAML exceptions the scanner throws on some malformed input (an
/// <see cref="InvalidOperationException"/> inside an unclosed flow mapping, for one) into a <see cref="YamlException"/>
/// at the end of the last event read, so that every parse failure has a position.</item>
/// </list>
/// Not thread-safe (like the parser it wraps).
/// </summary>
internal sealed class DepthLimitedParser : IParser
{
    /// <summary>The deepest nesting of mappings and sequences accepted; a plant file needs about a dozen.</summary>
    public const int MaxDepth = 64;

    private readonly IParser _inner;
    private int _depth;
    private Mark _lastEnd = Mark.Empty;

    public DepthLimitedParser(IParser inner)
    {
        _inner = inner;
    }

    public ParsingEvent? Current => _inner.Current;

    /// <summary>Where parsing stands: the start of the current event, else the end of the last one read.</summary>
    public Mark Position => _inner.Current?.Start ?? _lastEnd;

    /// <exception cref="YamlException">The nesting is deeper than <see cref="MaxDepth"/>, or the YAML is malformed.</exception>
    public bool MoveNext()
    {
        bool moved;
        try
        {
            moved = _inner.MoveNext();
        }
        catch (Exception e) when (IsParserFault(e))
        {
            throw new YamlException(_lastEnd, _lastEnd, $"malformed YAML after this point (the parser failed: {e.Message})", e);
        }

        if (!moved || _inner.Current is not { } current)
        {
            return moved;
        }

        _lastEnd = current.End;
        switch (current)
        {
            case MappingStart or SequenceStart:
                if (++_depth > MaxDepth)
                {
                    throw new YamlException(current.Start, current.End, $"nesting is deeper than {MaxDepth} levels");
                }

                break;
            case MappingEnd or SequenceEnd:
                _depth--;
                break;
        }

        return true;
    }

    /// <summary>
    /// The exceptions YamlDotNet's scanner and representation model have been seen to throw on malformed input besides
    /// <see cref="YamlException"/> (e.g. ArgumentException "The current event is of an unsupported type"); never the fatal ones.
    /// </summary>
    public static bool IsParserFault(Exception e) =>
        e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or FormatException or OverflowException or KeyNotFoundException
        && e is not YamlException;
}
