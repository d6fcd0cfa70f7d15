using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>What CreateSession returned (Part 4, 5.6.2.2). Immutable and thread-safe.</summary>
public sealed record CreateSessionResult(
    NodeId SessionId, NodeId AuthenticationToken, double RevisedSessionTimeoutMs, ReadOnlyMemory<byte> ServerNonce,
    ReadOnlyMemory<byte> ServerCertificate, IReadOnlyList<EndpointDescription> ServerEndpoints, string? ServerSignatureAlgorithm,
    ReadOnlyMemory<byte> ServerSignature, uint MaxRequestMessageSize);
