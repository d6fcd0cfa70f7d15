using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>
/// The parts every service message shares: the request header, the response header, the ServiceFault, and the
/// diagnostic-info arrays that close most responses. Pure and thread-safe.
/// </summary>
public static class ServiceCodec
{
    /// <summary>Writes the encoding node id of a request and its request header (Part 4, 7.32).</summary>
    public static void WriteRequestHeader(OpcUaBinaryWriter writer, uint requestTypeId, NodeId authenticationToken, DateTime timestamp, uint requestHandle, uint timeoutHintMs)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNodeId(NodeId.FromNumeric(0, requestTypeId));
        writer.WriteNodeId(authenticationToken);
        writer.WriteDateTime(timestamp);
        writer.WriteUInt32(requestHandle);
        writer.WriteUInt32(0);
        writer.WriteString(null);
        writer.WriteUInt32(timeoutHintMs);
        writer.WriteExtensionObject(ExtensionObject.Null);
    }

    /// <summary>
    /// Reads the encoding node id and the response header of a response body; returns a reader positioned after the header.
    /// </summary>
    /// <exception cref="OpcUaServiceException">The response is a ServiceFault or its service result is bad.</exception>
    /// <exception cref="OpcUaFormatException">The body is malformed or is not a <paramref name="expectedTypeId"/> response.</exception>
    public static OpcUaBinaryReader ReadResponseHeader(ReadOnlySpan<byte> body, uint expectedTypeId, OpcUaEncodingLimits? limits, out ResponseHeader header)
    {
        var reader = new OpcUaBinaryReader(body, limits);
        var typeId = reader.ReadNodeId();
        header = ReadHeader(ref reader);
        if (typeId.NamespaceIndex == 0 && typeId.IdType == NodeIdType.Numeric && typeId.Numeric == ObjectIds.ServiceFault)
        {
            throw new OpcUaServiceException(header.ServiceResult.IsBad ? header.ServiceResult : StatusCode.BadUnexpectedError, "The server answered with a ServiceFault");
        }

        if (typeId.NamespaceIndex != 0 || typeId.IdType != NodeIdType.Numeric || typeId.Numeric != expectedTypeId)
        {
            throw new OpcUaFormatException($"Expected the response i={expectedTypeId}, received {typeId}.");
        }

        if (header.ServiceResult.IsBad)
        {
            throw new OpcUaServiceException(header.ServiceResult, "The service failed");
        }

        return reader;
    }

    /// <summary>The type id of a response body, or null when it cannot be read.</summary>
    public static uint? PeekTypeId(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new OpcUaBinaryReader(body);
            var id = reader.ReadNodeId();
            return id.NamespaceIndex == 0 && id.IdType == NodeIdType.Numeric ? id.Numeric : null;
        }
        catch (OpcUaFormatException)
        {
            return null;
        }
    }

    /// <summary>Skips an array of diagnostic infos.</summary>
    public static void SkipDiagnostics(ref OpcUaBinaryReader reader) => reader.ReadArray(static (ref OpcUaBinaryReader r) => r.ReadDiagnosticInfo());

    /// <summary>Reads an array of status codes (empty for null).</summary>
    public static StatusCode[] ReadStatusCodes(ref OpcUaBinaryReader reader) =>
        reader.ReadArray(static (ref OpcUaBinaryReader r) => r.ReadStatusCode()) ?? [];

    private static ResponseHeader ReadHeader(ref OpcUaBinaryReader reader)
    {
        var timestamp = reader.ReadDateTime();
        var handle = reader.ReadUInt32();
        var result = reader.ReadStatusCode();
        reader.ReadDiagnosticInfo();
        var strings = reader.ReadArray(static (ref OpcUaBinaryReader r) => r.ReadString()) ?? [];
        reader.ReadExtensionObject();
        return new ResponseHeader(timestamp, handle, result, strings);
    }
}
