using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>Read and Write (Part 4, 5.10): request encoding and response decoding. Pure and thread-safe.</summary>
public static class AttributeCodec
{
    public static void WriteReadRequest(OpcUaBinaryWriter writer, RequestContext context, double maxAgeMs, TimestampsToReturn timestamps, IReadOnlyList<ReadValueId> nodes)
    {
        ArgumentNullException.ThrowIfNull(writer);
        context.Write(writer, ObjectIds.ReadRequest);
        writer.WriteDouble(maxAgeMs);
        writer.WriteInt32((int)timestamps);
        writer.WriteArray(nodes, static (w, n) => n.Write(w));
    }

    public static DataValue[] ReadReadResponse(ReadOnlySpan<byte> body, OpcUaEncodingLimits? limits = null)
    {
        var reader = ServiceCodec.ReadResponseHeader(body, ObjectIds.ReadResponse, limits, out _);
        var results = reader.ReadArray(static (ref OpcUaBinaryReader r) => r.ReadDataValue()) ?? [];
        ServiceCodec.SkipDiagnostics(ref reader);
        return results;
    }

    public static void WriteWriteRequest(OpcUaBinaryWriter writer, RequestContext context, IReadOnlyList<WriteValue> values)
    {
        ArgumentNullException.ThrowIfNull(writer);
        context.Write(writer, ObjectIds.WriteRequest);
        writer.WriteArray(values, static (w, v) =>
        {
            w.WriteNodeId(v.NodeId);
            w.WriteUInt32(v.AttributeId);
            w.WriteString(v.IndexRange);
            w.WriteDataValue(v.Value);
        });
    }

    public static StatusCode[] ReadWriteResponse(ReadOnlySpan<byte> body, OpcUaEncodingLimits? limits = null)
    {
        var reader = ServiceCodec.ReadResponseHeader(body, ObjectIds.WriteResponse, limits, out _);
        var results = ServiceCodec.ReadStatusCodes(ref reader);
        ServiceCodec.SkipDiagnostics(ref reader);
        return results;
    }
}
