namespace Nightshift.Fuzz;

/// <summary>
/// One decoder under fuzzing: its name, a corpus of valid inputs produced by our own encoders, text tokens worth
/// inserting, the call itself, and the exception type the decoder is allowed to throw (null when it never throws).
/// Immutable; the decoder must be pure so that inputs can run in any order.
/// </summary>
public sealed class FuzzTarget(string name, IReadOnlyList<byte[]> corpus, IReadOnlyList<byte[]> tokens, FuzzDecoder decode, Type? formatException)
{
    public string Name { get; } = name;

    public IReadOnlyList<byte[]> Corpus { get; } = corpus;

    public IReadOnlyList<byte[]> Tokens { get; } = tokens;

    public FuzzDecoder Decode { get; } = decode;

    /// <summary>The exception type that counts as a clean rejection; null when the decoder must never throw.</summary>
    public Type? FormatException { get; } = formatException;

    /// <summary>True when <paramref name="exception"/> is the decoder's own format error.</summary>
    public bool IsExpected(Exception exception) =>
        FormatException is not null && FormatException.IsInstanceOfType(exception);
}
