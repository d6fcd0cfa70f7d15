using System.Diagnostics.CodeAnalysis;

namespace Nightshift.Core.Assets;

/// <summary>
/// The path of an asset inside its tenant: segments joined by '/', e.g. <c>stuttgart/body-shop/welding-1/cell-1/robot-3</c>
/// (site/area/line/cell/equipment in ISA-95 terms). A segment is 1–64 characters of letters, digits, '-' or '_'.
/// Comparison is ordinal. Immutable and thread-safe.
/// </summary>
public sealed class AssetPath : IEquatable<AssetPath>
{
    public const int MaxSegmentLength = 64;
    public const int MaxDepth = 8;

    private AssetPath(string value, string[] segments)
    {
        Value = value;
        Segments = segments;
    }

    /// <summary>The empty path: the root above every site.</summary>
    public static AssetPath Root { get; } = new(string.Empty, []);

    public string Value { get; }

    public IReadOnlyList<string> Segments { get; }

    public int Depth => Segments.Count;

    public string Name => Depth == 0 ? string.Empty : Segments[^1];

    public AssetPath? Parent => Depth == 0 ? null : new AssetPath(string.Join('/', Segments.Take(Depth - 1)), [.. Segments.Take(Depth - 1)]);

    public static AssetPath Parse(string value) =>
        TryParse(value, out var path, out var error) ? path : throw new FormatException(error);

    public static bool TryParse(string? value, [NotNullWhen(true)] out AssetPath? path, [NotNullWhen(false)] out string? error)
    {
        path = null;
        if (string.IsNullOrEmpty(value))
        {
            path = Root;
            error = null;
            return true;
        }

        var segments = value.Trim('/').Split('/');
        if (segments.Length > MaxDepth)
        {
            error = $"asset path '{value}' has {segments.Length} segments; at most {MaxDepth} are allowed";
            return false;
        }

        foreach (var segment in segments)
        {
            if (!IsValidSegment(segment, out error))
            {
                error = $"asset path '{value}': {error}";
                return false;
            }
        }

        path = new AssetPath(string.Join('/', segments), segments);
        error = null;
        return true;
    }

    /// <summary>True when <paramref name="segment"/> may be one segment of a path.</summary>
    public static bool IsValidSegment(string segment, [NotNullWhen(false)] out string? error)
    {
        if (segment.Length is 0 or > MaxSegmentLength)
        {
            error = $"a segment must be 1 to {MaxSegmentLength} characters long, not {segment.Length}";
            return false;
        }

        foreach (var c in segment)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                error = $"segment '{segment}' contains '{c}'; only letters, digits, '-' and '_' are allowed";
                return false;
            }
        }

        error = null;
        return true;
    }

    public AssetPath Append(string segment)
    {
        if (!IsValidSegment(segment, out var error))
        {
            throw new FormatException(error);
        }

        return Depth == 0 ? new AssetPath(segment, [segment]) : new AssetPath(Value + "/" + segment, [.. Segments, segment]);
    }

    /// <summary>True when this path equals <paramref name="ancestor"/> or lies below it.</summary>
    public bool IsAtOrUnder(AssetPath ancestor)
    {
        ArgumentNullException.ThrowIfNull(ancestor);
        return ancestor.Depth == 0
            || Value.Equals(ancestor.Value, StringComparison.Ordinal)
            || (Value.Length > ancestor.Value.Length
                && Value.StartsWith(ancestor.Value, StringComparison.Ordinal)
                && Value[ancestor.Value.Length] == '/');
    }

    public bool Equals(AssetPath? other) => other is not null && Value.Equals(other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is AssetPath other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;
}
