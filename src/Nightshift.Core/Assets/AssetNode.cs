namespace Nightshift.Core.Assets;

/// <summary>
/// One node of a tenant's asset hierarchy. Equipment has a <see cref="Type"/>; the levels above it have none.
/// <see cref="Source"/> binds equipment to where its data comes from (e.g. <c>spBv1.0/Plant/press-line/press-1</c>).
/// </summary>
public sealed record AssetNode(AssetPath Path, AssetKind Kind, string DisplayName, IReadOnlyList<AssetNode> Children)
{
    public string? TypeName { get; init; }

    public string? Source { get; init; }

    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>The IANA time zone of a site (for shifts and daily boundaries); null below site level.</summary>
    public string? TimeZone { get; init; }

    public IEnumerable<AssetNode> DescendantsAndSelf()
    {
        yield return this;
        foreach (var child in Children)
        {
            foreach (var node in child.DescendantsAndSelf())
            {
                yield return node;
            }
        }
    }
}
