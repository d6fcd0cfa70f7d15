namespace Nightshift.Twins;

/// <summary>How twins are keyed: the tenant, then the asset or node address, joined by '|'.</summary>
public static class TwinKeys
{
    public static string Equipment(string tenant, string assetPath) => tenant + "|" + assetPath;

    public static string EdgeNode(string tenant, string groupId, string edgeNodeId) => tenant + "|" + groupId + "|" + edgeNodeId;

    public static (string Tenant, string Address) Split(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var bar = key.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? (string.Empty, key) : (key[..bar], key[(bar + 1)..]);
    }
}
