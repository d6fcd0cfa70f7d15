using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>
/// A kind of user identity an endpoint accepts (Part 4, 7.42). <see cref="SecurityPolicyUri"/> says how a password must be
/// encrypted; null or empty means the channel's policy applies. Immutable and thread-safe.
/// </summary>
public sealed record UserTokenPolicy(string? PolicyId, UserTokenType TokenType, string? IssuedTokenType, string? IssuerEndpointUrl, string? SecurityPolicyUri)
{
    internal static UserTokenPolicy Read(ref OpcUaBinaryReader reader) => new(
        reader.ReadString(), (UserTokenType)reader.ReadInt32(), reader.ReadString(), reader.ReadString(), reader.ReadString());
}
