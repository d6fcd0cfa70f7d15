using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>GetEndpoints (Part 4, 5.4.4): request encoding and response decoding. Pure and thread-safe.</summary>
public static class DiscoveryCodec
{
    public static void WriteGetEndpointsRequest(OpcUaBinaryWriter writer, RequestContext context, string endpointUrl)
    {
        ArgumentNullException.ThrowIfNull(writer);
        context.Write(writer, ObjectIds.GetEndpointsRequest);
        writer.WriteString(endpointUrl);
        writer.WriteInt32(0);
        writer.WriteInt32(0);
    }

    /// <exception cref="OpcUaServiceException">A ServiceFault or a bad service result.</exception>
    /// <exception cref="OpcUaFormatException">The body is malformed.</exception>
    public static IReadOnlyList<EndpointDescription> ReadGetEndpointsResponse(ReadOnlySpan<byte> body, OpcUaEncodingLimits? limits = null)
    {
        var reader = ServiceCodec.ReadResponseHeader(body, ObjectIds.GetEndpointsResponse, limits, out _);
        return reader.ReadArray(EndpointDescription.Read) ?? [];
    }
}
