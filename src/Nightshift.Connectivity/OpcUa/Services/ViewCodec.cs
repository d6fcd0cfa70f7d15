using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>Browse and BrowseNext (Part 4, 5.8): request encoding and response decoding. Pure and thread-safe.</summary>
public static class ViewCodec
{
    public static void WriteBrowseRequest(OpcUaBinaryWriter writer, RequestContext context, uint maxReferencesPerNode, IReadOnlyList<BrowseDescription> nodes)
    {
        ArgumentNullException.ThrowIfNull(writer);
        context.Write(writer, ObjectIds.BrowseRequest);
        writer.WriteNodeId(NodeId.Null);
        writer.WriteDateTime(DateTime.MinValue);
        writer.WriteUInt32(0);
        writer.WriteUInt32(maxReferencesPerNode);
        writer.WriteArray(nodes, static (w, n) => n.Write(w));
    }

    public static BrowseResult[] ReadBrowseResponse(ReadOnlySpan<byte> body, OpcUaEncodingLimits? limits = null) =>
        ReadResults(body, ObjectIds.BrowseResponse, limits);

    public static void WriteBrowseNextRequest(OpcUaBinaryWriter writer, RequestContext context, bool release, IReadOnlyList<ReadOnlyMemory<byte>> continuationPoints)
    {
        ArgumentNullException.ThrowIfNull(writer);
        context.Write(writer, ObjectIds.BrowseNextRequest);
        writer.WriteBoolean(release);
        writer.WriteArray(continuationPoints, static (w, c) => w.WriteByteString(c.Span));
    }

    public static BrowseResult[] ReadBrowseNextResponse(ReadOnlySpan<byte> body, OpcUaEncodingLimits? limits = null) =>
        ReadResults(body, ObjectIds.BrowseNextResponse, limits);

    private static BrowseResult[] ReadResults(ReadOnlySpan<byte> body, uint typeId, OpcUaEncodingLimits? limits)
    {
        var reader = ServiceCodec.ReadResponseHeader(body, typeId, limits, out _);
        var results = reader.ReadArray(BrowseResult.Read) ?? [];
        ServiceCodec.SkipDiagnostics(ref reader);
        return results;
    }
}
