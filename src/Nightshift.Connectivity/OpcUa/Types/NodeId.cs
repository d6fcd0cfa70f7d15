using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Nightshift.Connectivity.OpcUa.Types;

/// <summary>
/// The identifier of a node in a server's address space (Part 3, 8.2): a namespace index and a numeric, string,
/// GUID or opaque identifier. Text form as in Part 6, 5.3.1.10: <c>ns=2;s=Plant.Speed</c>, <c>i=85</c>,
/// <c>ns=1;g=...</c>, <c>ns=1;b=base64</c>. Immutable and thread-safe.
/// </summary>
public sealed class NodeId : IEquatable<NodeId>
{
    private readonly byte[]? _opaque;

    private NodeId(ushort namespaceIndex, NodeIdType idType, uint numeric, string? text, Guid guid, byte[]? opaque)
    {
        NamespaceIndex = namespaceIndex;
        IdType = idType;
        Numeric = numeric;
        Text = text;
        GuidId = guid;
        _opaque = opaque;
    }

    /// <summary>The null node id, <c>i=0</c>.</summary>
    public static NodeId Null { get; } = new(0, NodeIdType.Numeric, 0, null, Guid.Empty, null);

    public ushort NamespaceIndex { get; }

    public NodeIdType IdType { get; }

    /// <summary>The identifier of a numeric node id; 0 otherwise.</summary>
    public uint Numeric { get; }

    /// <summary>The identifier of a string node id; null otherwise.</summary>
    public string? Text { get; }

    /// <summary>The identifier of a GUID node id; empty otherwise.</summary>
    public Guid GuidId { get; }

    /// <summary>The identifier of an opaque node id; empty otherwise.</summary>
    public ReadOnlyMemory<byte> Opaque => _opaque;

    public bool IsNull => IdType switch
    {
        NodeIdType.Numeric => Numeric == 0 && NamespaceIndex == 0,
        NodeIdType.String => string.IsNullOrEmpty(Text) && NamespaceIndex == 0,
        NodeIdType.Guid => GuidId == Guid.Empty && NamespaceIndex == 0,
        _ => (_opaque is null || _opaque.Length == 0) && NamespaceIndex == 0,
    };

    public static NodeId FromNumeric(ushort namespaceIndex, uint identifier) => new(namespaceIndex, NodeIdType.Numeric, identifier, null, Guid.Empty, null);

    /// <exception cref="ArgumentNullException"><paramref name="identifier"/> is null.</exception>
    public static NodeId FromString(ushort namespaceIndex, string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return new(namespaceIndex, NodeIdType.String, 0, identifier, Guid.Empty, null);
    }

    public static NodeId FromGuid(ushort namespaceIndex, Guid identifier) => new(namespaceIndex, NodeIdType.Guid, 0, null, identifier, null);

    public static NodeId FromOpaque(ushort namespaceIndex, ReadOnlySpan<byte> identifier) => new(namespaceIndex, NodeIdType.Opaque, 0, null, Guid.Empty, identifier.ToArray());

    internal static NodeId FromOpaqueOwned(ushort namespaceIndex, byte[]? identifier) => new(namespaceIndex, NodeIdType.Opaque, 0, null, Guid.Empty, identifier);

    /// <summary>Parses the text form, e.g. <c>ns=2;s=Plant.Speed</c> or <c>i=2258</c>.</summary>
    /// <exception cref="FormatException">The text is not a node id.</exception>
    public static NodeId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a node id (e.g. ns=2;s=Name or i=85)");

    public static bool TryParse(string? text, [NotNullWhen(true)] out NodeId? nodeId)
    {
        nodeId = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        ushort ns = 0;
        var rest = text.AsSpan();
        if (rest.StartsWith("ns="))
        {
            var semicolon = rest.IndexOf(';');
            if (semicolon < 0 || !ushort.TryParse(rest[3..semicolon], NumberStyles.None, CultureInfo.InvariantCulture, out ns))
            {
                return false;
            }

            rest = rest[(semicolon + 1)..];
        }

        if (rest.Length < 2 || rest[1] != '=')
        {
            return false;
        }

        var value = rest[2..];
        switch (rest[0])
        {
            case 'i' when uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var numeric):
                nodeId = FromNumeric(ns, numeric);
                return true;
            case 's':
                nodeId = FromString(ns, value.ToString());
                return true;
            case 'g' when Guid.TryParse(value, out var guid):
                nodeId = FromGuid(ns, guid);
                return true;
            case 'b':
                var bytes = new byte[value.Length];
                if (Convert.TryFromBase64Chars(value, bytes, out var written))
                {
                    nodeId = FromOpaqueOwned(ns, bytes[..written]);
                    return true;
                }

                return false;
            default:
                return false;
        }
    }

    public bool Equals(NodeId? other) =>
        other is not null && NamespaceIndex == other.NamespaceIndex && IdType == other.IdType && IdType switch
        {
            NodeIdType.Numeric => Numeric == other.Numeric,
            NodeIdType.String => string.Equals(Text, other.Text, StringComparison.Ordinal),
            NodeIdType.Guid => GuidId == other.GuidId,
            _ => Opaque.Span.SequenceEqual(other.Opaque.Span),
        };

    public override bool Equals(object? obj) => obj is NodeId other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(NamespaceIndex);
        hash.Add(IdType);
        switch (IdType)
        {
            case NodeIdType.Numeric:
                hash.Add(Numeric);
                break;
            case NodeIdType.String:
                hash.Add(Text, StringComparer.Ordinal);
                break;
            case NodeIdType.Guid:
                hash.Add(GuidId);
                break;
            default:
                hash.AddBytes(Opaque.Span);
                break;
        }

        return hash.ToHashCode();
    }

    public static bool operator ==(NodeId? left, NodeId? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(NodeId? left, NodeId? right) => !(left == right);

    public override string ToString()
    {
        var prefix = NamespaceIndex == 0 ? string.Empty : $"ns={NamespaceIndex.ToString(CultureInfo.InvariantCulture)};";
        return IdType switch
        {
            NodeIdType.Numeric => prefix + "i=" + Numeric.ToString(CultureInfo.InvariantCulture),
            NodeIdType.String => prefix + "s=" + Text,
            NodeIdType.Guid => prefix + "g=" + GuidId.ToString("D", CultureInfo.InvariantCulture),
            _ => prefix + "b=" + Convert.ToBase64String(Opaque.Span),
        };
    }
}
