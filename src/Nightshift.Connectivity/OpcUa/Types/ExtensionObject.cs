namespace Nightshift.Connectivity.OpcUa.Types;

/// <summary>
/// A structure carried with the node id of its encoding (Part 6, 5.2.2.15). The body is kept as raw bytes: the services
/// decode the structures they know; unknown ones pass through unchanged. Immutable and thread-safe.
/// </summary>
public sealed class ExtensionObject : IEquatable<ExtensionObject>
{
    public ExtensionObject(NodeId typeId, ExtensionObjectEncoding encoding, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(typeId);
        TypeId = typeId;
        Encoding = encoding;
        Body = encoding == ExtensionObjectEncoding.None ? ReadOnlyMemory<byte>.Empty : body;
    }

    /// <summary>The extension object with no type and no body.</summary>
    public static ExtensionObject Null { get; } = new(NodeId.Null, ExtensionObjectEncoding.None, default);

    /// <summary>The node id of the encoding (e.g. <c>i=811</c> for a DataChangeNotification in binary).</summary>
    public NodeId TypeId { get; }

    public ExtensionObjectEncoding Encoding { get; }

    /// <summary>The encoded body (binary or UTF-8 XML); empty when <see cref="Encoding"/> is None.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    public bool IsNull => Encoding == ExtensionObjectEncoding.None && TypeId.IsNull;

    public bool Equals(ExtensionObject? other) =>
        other is not null && TypeId == other.TypeId && Encoding == other.Encoding && Body.Span.SequenceEqual(other.Body.Span);

    public override bool Equals(object? obj) => obj is ExtensionObject other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(TypeId, Encoding, Body.Length);

    public override string ToString() => $"ExtensionObject({TypeId}, {Encoding}, {Body.Length} bytes)";
}
