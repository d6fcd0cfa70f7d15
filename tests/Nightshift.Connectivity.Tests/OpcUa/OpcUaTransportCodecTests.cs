using System.Buffers.Binary;
using Nightshift.Connectivity.OpcUa.Security;
using Nightshift.Connectivity.OpcUa.Services;
using Nightshift.Connectivity.OpcUa.Transport;
using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.Tests.OpcUa;

/// <summary>OPC UA TCP messages (Part 6, 7.1) and secure-conversation chunk headers, and the service header codec.</summary>
public sealed class OpcUaTransportCodecTests
{
    [Fact]
    public void Hello_is_encoded_byte_for_byte()
    {
        var hello = TcpMessageCodec.EncodeHello(new OpcUaTransportLimits { ReceiveBufferSize = 65535, SendBufferSize = 65535, MaxMessageSize = 0x01000000, MaxChunkCount = 0 }, "opc.tcp://h:4840");

        Convert.ToHexString(hello).ShouldBe(
            "48454C46" + "30000000" + "00000000" + "FFFF0000" + "FFFF0000" + "00000001" + "00000000" + "10000000" + Convert.ToHexString("opc.tcp://h:4840"u8));
        TcpMessageCodec.ReadHeader(hello).ShouldBe(new TcpChunkHeader(TcpMessageType.Hello, TcpMessageType.Final, hello.Length));
    }

    [Fact]
    public void Acknowledge_limits_are_combined_with_the_offer()
    {
        var ack = TcpMessageCodec.EncodeAcknowledge(receiveBufferSize: 16384, sendBufferSize: 1 << 20, maxMessageSize: 100_000, maxChunkCount: 7);

        var limits = TcpMessageCodec.DecodeAcknowledge(ack, new OpcUaTransportLimits());

        limits.ShouldBe(new OpcUaNegotiatedLimits(SendChunkSize: 16384, ReceiveChunkSize: 65535, MaxRequestMessageSize: 100_000, MaxRequestChunkCount: 7));
    }

    [Fact]
    public void Acknowledge_below_the_minimum_buffer_is_refused()
    {
        var ack = TcpMessageCodec.EncodeAcknowledge(1024, 65535, 0, 0);

        Should.Throw<OpcUaFormatException>(() => TcpMessageCodec.DecodeAcknowledge(ack, new OpcUaTransportLimits()));
    }

    [Fact]
    public void Error_messages_carry_the_status_and_reason()
    {
        var error = TcpMessageCodec.EncodeError(StatusCode.BadTcpMessageTooLarge, "too big");

        TcpMessageCodec.DecodeError(error).ShouldBe((StatusCode.BadTcpMessageTooLarge, "too big"));
    }

    [Theory]
    [InlineData("58595A46 10000000")]
    [InlineData("4D534758 10000000")]
    [InlineData("4D534746 04000000")]
    [InlineData("4D534746")]
    public void Malformed_headers_are_format_errors(string hex) =>
        Should.Throw<OpcUaFormatException>(() => TcpMessageCodec.ReadHeader(Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal))));

    [Fact]
    public void An_unsecured_chunk_is_protected_and_parsed_back()
    {
        var chunk = new byte[64];
        "MSGF"u8.CopyTo(chunk);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(8), 77);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(12), 3);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(16), 51);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(20), 9);
        "body"u8.CopyTo(chunk.AsSpan(24));

        var length = NoSecurity.Instance.Protect(chunk, 16, 12, asymmetric: false);
        var parsed = TcpMessageCodec.DecodeUnsecuredChunk(chunk.AsSpan(0, length));

        length.ShouldBe(28);
        parsed.ChannelId.ShouldBe(77u);
        parsed.TokenId.ShouldBe(3u);
        parsed.SequenceNumber.ShouldBe(51u);
        parsed.RequestId.ShouldBe(9u);
        chunk.AsSpan(parsed.BodyOffset, parsed.BodyLength).ToArray().ShouldBe("body"u8.ToArray());
    }

    [Fact]
    public void An_open_chunk_has_its_asymmetric_header_parsed()
    {
        using var writer = new OpcUaBinaryWriter();
        writer.WriteRaw("OPNF"u8);
        writer.WriteUInt32(0);
        writer.WriteUInt32(0);
        writer.WriteString(NoSecurity.Uri);
        writer.WriteInt32(-1);
        writer.WriteInt32(-1);
        writer.WriteUInt32(1);
        writer.WriteUInt32(2);
        var bytes = writer.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)bytes.Length);

        var parsed = TcpMessageCodec.DecodeUnsecuredChunk(bytes);

        parsed.PolicyUri.ShouldBe(NoSecurity.Uri);
        parsed.SequenceNumber.ShouldBe(1u);
        parsed.RequestId.ShouldBe(2u);
        parsed.BodyLength.ShouldBe(0);
    }

    [Fact]
    public void A_service_fault_becomes_an_exception_with_its_status()
    {
        using var writer = new OpcUaBinaryWriter();
        writer.WriteNodeId(NodeId.FromNumeric(0, 397));
        writer.WriteDateTime(DateTime.UtcNow);
        writer.WriteUInt32(5);
        writer.WriteStatusCode(StatusCode.BadSessionIdInvalid);
        writer.WriteDiagnosticInfo(null);
        writer.WriteInt32(-1);
        writer.WriteExtensionObject(ExtensionObject.Null);
        var body = writer.ToArray();

        var error = Should.Throw<OpcUaServiceException>(() => AttributeCodec.ReadReadResponse(body));

        error.Status.ShouldBe(StatusCode.BadSessionIdInvalid);
        error.Message.ShouldContain("BadSessionIdInvalid");
    }

    [Fact]
    public void A_read_request_round_trips_through_the_response_decoder_shape()
    {
        using var writer = new OpcUaBinaryWriter();
        var context = new RequestContext(NodeId.FromNumeric(1, 7), 42, new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc), 1000);

        AttributeCodec.WriteReadRequest(writer, context, 0, TimestampsToReturn.Both, [new ReadValueId(NodeId.FromString(1, "x"))]);

        var reader = new OpcUaBinaryReader(writer.WrittenSpan);
        reader.ReadNodeId().ShouldBe(NodeId.FromNumeric(0, 631));
        reader.ReadNodeId().ShouldBe(NodeId.FromNumeric(1, 7));
        reader.ReadDateTime().ShouldBe(context.Timestamp);
        reader.ReadUInt32().ShouldBe(42u);
    }
}
