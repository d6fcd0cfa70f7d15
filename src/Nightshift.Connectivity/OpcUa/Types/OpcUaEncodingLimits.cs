namespace Nightshift.Connectivity.OpcUa.Types;

/// <summary>
/// Bounds that a decoder enforces so that hostile input cannot cause huge allocations or deep recursion: a length or
/// nesting beyond them is an <see cref="OpcUaFormatException"/>. Immutable and thread-safe.
/// </summary>
public sealed record OpcUaEncodingLimits
{
    /// <summary>The defaults: 1 MiB strings, 16 MiB byte strings, 1,000,000 array elements, nesting depth 64.</summary>
    public static OpcUaEncodingLimits Default { get; } = new();

    /// <summary>The longest string in bytes (UTF-8).</summary>
    public int MaxStringLength { get; init; } = 1 << 20;

    /// <summary>The longest byte string in bytes.</summary>
    public int MaxByteStringLength { get; init; } = 16 << 20;

    /// <summary>The most elements of one array (of all dimensions together).</summary>
    public int MaxArrayLength { get; init; } = 1_000_000;

    /// <summary>How deeply variants, data values and diagnostic infos may nest.</summary>
    public int MaxNestingDepth { get; init; } = 64;
}
