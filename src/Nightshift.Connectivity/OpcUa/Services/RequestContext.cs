using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>What goes into the request header of one request (Part 4, 7.32): the session's token, the handle, the time and the timeout hint.</summary>
public readonly record struct RequestContext(NodeId AuthenticationToken, uint Handle, DateTime Timestamp, uint TimeoutHintMs)
{
    internal void Write(OpcUaBinaryWriter writer, uint requestTypeId) =>
        ServiceCodec.WriteRequestHeader(writer, requestTypeId, AuthenticationToken ?? NodeId.Null, Timestamp, Handle, TimeoutHintMs);
}
