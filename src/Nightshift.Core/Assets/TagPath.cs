using System.Diagnostics.CodeAnalysis;

namespace Nightshift.Core.Assets;

/// <summary>
/// The address of one tag: an asset path and a tag name joined by the first '.', e.g.
/// <c>stuttgart/press-shop/press-line/cell/press-1.power</c>. Asset segments never contain '.', so the first
/// '.' always separates the two; a tag name may contain '/', '.' and spaces (Sparkplug metric names do),
/// but no control characters, and is at most 256 characters long.
/// </summary>
public sealed record TagPath(AssetPath Asset, string Tag)
{
    public const int MaxTagLength = 256;

    public static TagPath Parse(string value) =>
        TryParse(value, out var path, out var error) ? path : throw new FormatException(error);

    public static bool TryParse(string? value, [NotNullWhen(true)] out TagPath? path, [NotNullWhen(false)] out string? error)
    {
        path = null;
        var dot = value?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (value is null || dot <= 0 || dot == value.Length - 1)
        {
            error = $"tag path '{value}' must be '<asset path>.<tag name>'";
            return false;
        }

        if (!AssetPath.TryParse(value[..dot], out var asset, out error))
        {
            return false;
        }

        var tag = value[(dot + 1)..];
        if (!IsValidTagName(tag, out error))
        {
            return false;
        }

        path = new TagPath(asset, tag);
        return true;
    }

    public static bool IsValidTagName(string tag, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (tag.Length is 0 or > MaxTagLength)
        {
            error = $"a tag name must be 1 to {MaxTagLength} characters long, not {tag.Length}";
            return false;
        }

        if (tag.Any(char.IsControl))
        {
            error = $"tag name '{tag}' contains a control character";
            return false;
        }

        error = null;
        return true;
    }

    public override string ToString() => Asset.Value + "." + Tag;
}
