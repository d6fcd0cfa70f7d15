namespace Nightshift.Connectivity.OpcUa.Types;

/// <summary>A name qualified by a namespace index (Part 3, 8.3), e.g. a browse name. Immutable and thread-safe.</summary>
public sealed record QualifiedName(ushort NamespaceIndex, string? Name)
{
    public static QualifiedName Null { get; } = new(0, null);

    /// <summary><c>2:Name</c>, or the name alone in namespace 0.</summary>
    public override string ToString() => NamespaceIndex == 0 ? Name ?? string.Empty : $"{NamespaceIndex}:{Name}";
}
