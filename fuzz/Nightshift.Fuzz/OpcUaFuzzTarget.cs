using System.Buffers.Binary;
using Nightshift.Connectivity.OpcUa.Services;
using Nightshift.Connectivity.OpcUa.Transport;
using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Fuzz;

/// <summary>
/// The OPC UA decoders under fuzzing: Acknowledge/Error messages, secure-conversation chunk headers, and the response
/// bodies the client decodes (Read, Publish with data changes, Browse, GetEndpoints and the rest), each corpus entry a
/// complete unsecured MSG chunk built with our own encoders. A ServiceFault or bad service result is a valid outcome
/// (<see cref="OpcUaServiceException"/> is caught); only <see cref="OpcUaFormatException"/> may escape. Thread-safe.
/// </summary>
public static class OpcUaFuzzTarget
{
    private static readonly DateTime At = new(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly int[] Square = [1, 2, 3, 4];
    private static readonly byte[] ContinuationPoint = [9, 9];
    private static readonly byte[] Certificate = [0x30, 0x82];

    public static FuzzTarget Create()
    {
        List<byte[]> corpus =
        [
            TcpMessageCodec.EncodeAcknowledge(65535, 65535, 1 << 24, 0),
            TcpMessageCodec.EncodeError(StatusCode.BadTcpMessageTooLarge, "too large"),
            Chunk(Response(634, w =>
            {
                w.WriteInt32(4);
                w.WriteDataValue(new DataValue(Variant.From(2.5)) { SourceTimestamp = At, ServerTimestamp = At });
                w.WriteDataValue(new DataValue(Variant.Array(BuiltInType.Int32, Square, [2, 2])));
                w.WriteDataValue(new DataValue(Variant.Null, StatusCode.BadNodeIdUnknown));
                w.WriteDataValue(new DataValue(Variant.Array(BuiltInType.Variant, new[] { Variant.From("x"), Variant.From(new LocalizedText("en", "y")) })));
                w.WriteInt32(-1);
            })),
            Chunk(Response(829, w =>
            {
                w.WriteUInt32(7);
                w.WriteInt32(2);
                w.WriteUInt32(3);
                w.WriteUInt32(4);
                w.WriteBoolean(false);
                w.WriteUInt32(4);
                w.WriteDateTime(At);
                w.WriteInt32(2);
                w.WriteExtensionObject(NodeId.FromNumeric(0, 811), b =>
                {
                    b.WriteInt32(2);
                    b.WriteUInt32(1);
                    b.WriteDataValue(new DataValue(Variant.From(42)) { SourceTimestamp = At });
                    b.WriteUInt32(2);
                    b.WriteDataValue(new DataValue(Variant.From("s"), new StatusCode(0x40920000)));
                    b.WriteInt32(0);
                });
                w.WriteExtensionObject(NodeId.FromNumeric(0, 820), b =>
                {
                    b.WriteStatusCode(StatusCode.BadTimeout);
                    b.WriteDiagnosticInfo(new DiagnosticInfo { AdditionalInfo = "d", InnerStatusCode = StatusCode.BadTimeout });
                });
                w.WriteInt32(1);
                w.WriteStatusCode(StatusCode.Good);
                w.WriteInt32(0);
            })),
            Chunk(Response(530, w =>
            {
                w.WriteInt32(1);
                w.WriteStatusCode(StatusCode.Good);
                w.WriteByteString(ContinuationPoint);
                w.WriteInt32(1);
                w.WriteNodeId(NodeId.FromNumeric(0, 35));
                w.WriteBoolean(true);
                w.WriteExpandedNodeId(new ExpandedNodeId(NodeId.FromString(1, "Plant"), "urn:x", 2));
                w.WriteQualifiedName(new QualifiedName(1, "Plant"));
                w.WriteLocalizedText(new LocalizedText(null, "Plant"));
                w.WriteInt32(1);
                w.WriteExpandedNodeId(new ExpandedNodeId(NodeId.FromNumeric(0, 61)));
                w.WriteInt32(-1);
            })),
            Chunk(Response(431, w =>
            {
                w.WriteInt32(1);
                w.WriteString("opc.tcp://h:4840");
                w.WriteString("urn:s");
                w.WriteString(null);
                w.WriteLocalizedText(new LocalizedText("en", "S"));
                w.WriteInt32(0);
                w.WriteString(null);
                w.WriteString(null);
                w.WriteInt32(-1);
                w.WriteByteString(Certificate);
                w.WriteInt32(1);
                w.WriteString("http://opcfoundation.org/UA/SecurityPolicy#None");
                w.WriteInt32(1);
                w.WriteString("anonymous");
                w.WriteInt32(0);
                w.WriteString(null);
                w.WriteString(null);
                w.WriteString(null);
                w.WriteString(null);
                w.WriteByte(0);
            })),
            Chunk(Response(397, _ => { }, StatusCode.BadSessionIdInvalid)),
        ];
        return new FuzzTarget("opcua", corpus, [], Decode, typeof(OpcUaFormatException));
    }

    private static void Decode(ReadOnlySpan<byte> input)
    {
        try
        {
            var header = TcpMessageCodec.ReadHeader(input);
            switch (header.MessageType)
            {
                case TcpMessageType.Acknowledge:
                    TcpMessageCodec.DecodeAcknowledge(input, new OpcUaTransportLimits());
                    return;
                case TcpMessageType.Error:
                    TcpMessageCodec.DecodeError(input);
                    return;
                default:
                    var chunk = TcpMessageCodec.DecodeUnsecuredChunk(input);
                    DecodeBody(input.Slice(chunk.BodyOffset, chunk.BodyLength));
                    return;
            }
        }
        catch (OpcUaServiceException)
        {
            // A ServiceFault or a bad service result: decoded correctly.
        }
    }

    private static void DecodeBody(ReadOnlySpan<byte> body)
    {
        switch (ServiceCodec.PeekTypeId(body))
        {
            case 634: AttributeCodec.ReadReadResponse(body); break;
            case 676: AttributeCodec.ReadWriteResponse(body); break;
            case 829: SubscriptionCodec.ReadPublishResponse(body); break;
            case 835: SubscriptionCodec.ReadRepublishResponse(body); break;
            case 790: SubscriptionCodec.ReadCreateSubscriptionResponse(body); break;
            case 754: SubscriptionCodec.ReadCreateMonitoredItemsResponse(body); break;
            case 844: SubscriptionCodec.ReadTransferSubscriptionsResponse(body); break;
            case 530: ViewCodec.ReadBrowseResponse(body); break;
            case 536: ViewCodec.ReadBrowseNextResponse(body); break;
            case 431: DiscoveryCodec.ReadGetEndpointsResponse(body); break;
            case 464: SessionCodec.ReadCreateSessionResponse(body); break;
            case 470: SessionCodec.ReadActivateSessionResponse(body); break;
            default:
                // Unknown bodies still go through the generic reader: any structure must fail cleanly.
                var reader = new OpcUaBinaryReader(body);
                reader.ReadNodeId();
                while (reader.Remaining > 0)
                {
                    reader.ReadVariant();
                }

                break;
        }
    }

    

    private static byte[] Response(uint typeId, Action<OpcUaBinaryWriter> fields, StatusCode? result = null)
    {
        using var writer = new OpcUaBinaryWriter();
        writer.WriteNodeId(NodeId.FromNumeric(0, typeId));
        writer.WriteDateTime(At);
        writer.WriteUInt32(1);
        writer.WriteStatusCode(result ?? StatusCode.Good);
        writer.WriteDiagnosticInfo(null);
        writer.WriteInt32(0);
        writer.WriteExtensionObject(ExtensionObject.Null);
        fields(writer);
        return writer.ToArray();
    }

    private static byte[] Chunk(byte[] body)
    {
        var chunk = new byte[24 + body.Length];
        "MSGF"u8.CopyTo(chunk);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), (uint)chunk.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(8), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(12), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(16), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(20), 1);
        body.CopyTo(chunk, 24);
        return chunk;
    }
}
