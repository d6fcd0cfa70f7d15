using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>Describes an OPC UA application (Part 4, 7.2). Immutable and thread-safe.</summary>
public sealed record ApplicationDescription(
    string? ApplicationUri, string? ProductUri, LocalizedText ApplicationName, ApplicationType ApplicationType,
    string? GatewayServerUri, string? DiscoveryProfileUri, IReadOnlyList<string?> DiscoveryUrls)
{
    internal static ApplicationDescription Read(ref OpcUaBinaryReader reader) => new(
        reader.ReadString(), reader.ReadString(), reader.ReadLocalizedText(), (ApplicationType)reader.ReadInt32(),
        reader.ReadString(), reader.ReadString(), reader.ReadArray(static (ref OpcUaBinaryReader r) => r.ReadString()) ?? []);

    internal void Write(OpcUaBinaryWriter writer)
    {
        writer.WriteString(ApplicationUri);
        writer.WriteString(ProductUri);
        writer.WriteLocalizedText(ApplicationName);
        writer.WriteInt32((int)ApplicationType);
        writer.WriteString(GatewayServerUri);
        writer.WriteString(DiscoveryProfileUri);
        writer.WriteArray(DiscoveryUrls, static (w, s) => w.WriteString(s));
    }
}
