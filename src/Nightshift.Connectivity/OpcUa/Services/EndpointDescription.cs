using Nightshift.Connectivity.OpcUa.Security;
using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>
/// One endpoint of a server (Part 4, 7.14): its URL, the server, the server's certificate (DER), the security mode and
/// policy, the user identities it accepts. Immutable and thread-safe.
/// </summary>
public sealed record EndpointDescription(
    string? EndpointUrl, ApplicationDescription Server, ReadOnlyMemory<byte> ServerCertificate, MessageSecurityMode SecurityMode,
    string? SecurityPolicyUri, IReadOnlyList<UserTokenPolicy> UserIdentityTokens, string? TransportProfileUri, byte SecurityLevel)
{
    internal static EndpointDescription Read(ref OpcUaBinaryReader reader) => new(
        reader.ReadString(),
        ApplicationDescription.Read(ref reader),
        reader.ReadByteString() ?? [],
        (MessageSecurityMode)reader.ReadInt32(),
        reader.ReadString(),
        reader.ReadArray(UserTokenPolicy.Read) ?? [],
        reader.ReadString(),
        reader.ReadByte());
}
