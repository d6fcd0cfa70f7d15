using System.Buffers;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using Nightshift.Connectivity.Sparkplug;
using Nightshift.Connectivity.Sparkplug.Protobuf;
using Nightshift.Core.Samples;

namespace Nightshift.Connectivity.Tests.Sparkplug;

public sealed class SparkplugPayloadCodecTests
{
    private static readonly DateTime T0 = new(2026, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc);

    public static TheoryData<SparkplugDataType, SampleValue> EveryScalar => new()
    {
        { SparkplugDataType.Int8, SampleValue.FromLong(sbyte.MinValue) },
        { SparkplugDataType.Int8, SampleValue.FromLong(-1) },
        { SparkplugDataType.Int8, SampleValue.FromLong(sbyte.MaxValue) },
        { SparkplugDataType.Int16, SampleValue.FromLong(short.MinValue) },
        { SparkplugDataType.Int16, SampleValue.FromLong(short.MaxValue) },
        { SparkplugDataType.Int32, SampleValue.FromLong(int.MinValue) },
        { SparkplugDataType.Int32, SampleValue.FromLong(int.MaxValue) },
        { SparkplugDataType.Int64, SampleValue.FromLong(long.MinValue) },
        { SparkplugDataType.Int64, SampleValue.FromLong(long.MaxValue) },
        { SparkplugDataType.UInt8, SampleValue.FromLong(byte.MaxValue) },
        { SparkplugDataType.UInt16, SampleValue.FromLong(ushort.MaxValue) },
        { SparkplugDataType.UInt32, SampleValue.FromLong(uint.MaxValue) },
        { SparkplugDataType.UInt64, SampleValue.FromLong(0) },
        { SparkplugDataType.UInt64, SampleValue.FromLong(long.MaxValue) },
        { SparkplugDataType.UInt64, SampleValue.FromDouble(ulong.MaxValue) },
        { SparkplugDataType.Float, SampleValue.FromDouble(-1.5) },
        { SparkplugDataType.Double, SampleValue.FromDouble(Math.PI) },
        { SparkplugDataType.Boolean, SampleValue.FromBool(true) },
        { SparkplugDataType.Boolean, SampleValue.FromBool(false) },
        { SparkplugDataType.String, SampleValue.FromString("héllo wörld") },
        { SparkplugDataType.DateTime, SampleValue.FromLong(1_767_225_600_123) },
        { SparkplugDataType.Text, SampleValue.FromString("a longer text\nwith lines") },
        { SparkplugDataType.Uuid, SampleValue.FromString("0b5f8d6e-3c2a-4f1e-9d7b-6a5c4b3a2f10") },
    };

    [Theory]
    [MemberData(nameof(EveryScalar))]
    public void Every_scalar_data_type_round_trips(SparkplugDataType type, SampleValue value)
    {
        var metric = new SparkplugMetric("m", type, value) { Alias = 7, Timestamp = T0, Unit = "kW" };
        var decoded = RoundTrip(new SparkplugPayload(T0, 42, [metric]));

        decoded.Timestamp.ShouldBe(T0);
        decoded.Seq.ShouldBe(42UL);
        var single = decoded.Metrics.ShouldHaveSingleItem();
        single.ShouldBe(metric);
    }

    [Fact]
    public void A_null_metric_round_trips_with_is_null_and_no_value()
    {
        var decoded = RoundTrip(new SparkplugPayload(T0, 0, [SparkplugMetric.Null("m", SparkplugDataType.Double)]));

        var metric = decoded.Metrics.ShouldHaveSingleItem();
        metric.IsNull.ShouldBeTrue();
        metric.Value.Kind.ShouldBe(ValueKind.None);
        metric.DataType.ShouldBe(SparkplugDataType.Double);
    }

    [Fact]
    public void Signed_integers_are_written_as_twos_complement_in_the_unsigned_field()
    {
        var bytes = SparkplugPayloadCodec.Encode(new SparkplugPayload(null, 0, [new SparkplugMetric("m", SparkplugDataType.Int8, SampleValue.FromLong(-1))]));

        Payload.Parser.ParseFrom(bytes).Metrics[0].IntValue.ShouldBe(0xFFFF_FFFFu);
    }

    [Theory]
    [InlineData(SparkplugDataType.Int8, 0xFFu, -1L)]
    [InlineData(SparkplugDataType.Int8, 0xFFFF_FF80u, -128L)]
    [InlineData(SparkplugDataType.Int16, 0x8000u, -32768L)]
    [InlineData(SparkplugDataType.Int16, 0xFFFF_8000u, -32768L)]
    [InlineData(SparkplugDataType.Int32, 0x8000_0000u, int.MinValue)]
    [InlineData(SparkplugDataType.UInt8, 0xFFu, 255L)]
    [InlineData(SparkplugDataType.UInt32, 0xFFFF_FFFFu, 4_294_967_295L)]
    public void Integers_in_int_value_are_read_in_both_the_zero_and_sign_extended_forms(SparkplugDataType type, uint field, long expected)
    {
        var payload = new Payload { Seq = 0 };
        payload.Metrics.Add(new Payload.Types.Metric { Name = "m", Datatype = (uint)type, IntValue = field });

        var metric = SparkplugPayloadCodec.Decode(payload.ToByteArray()).Metrics.ShouldHaveSingleItem();

        metric.Value.ShouldBe(SampleValue.FromLong(expected));
    }

    [Fact]
    public void UInt32_in_long_value_is_read_as_written_by_older_edge_nodes()
    {
        var payload = new Payload();
        payload.Metrics.Add(new Payload.Types.Metric { Name = "m", Datatype = (uint)SparkplugDataType.UInt32, LongValue = uint.MaxValue });

        SparkplugPayloadCodec.Decode(payload.ToByteArray()).Metrics[0].Value.ShouldBe(SampleValue.FromLong(uint.MaxValue));
    }

    [Fact]
    public void UInt64_above_long_max_becomes_a_double()
    {
        var payload = new Payload();
        payload.Metrics.Add(new Payload.Types.Metric { Name = "m", Datatype = (uint)SparkplugDataType.UInt64, LongValue = ulong.MaxValue - 1 });

        var value = SparkplugPayloadCodec.Decode(payload.ToByteArray()).Metrics[0].Value;

        value.Kind.ShouldBe(ValueKind.Double);
        value.AsDouble().ShouldBe((double)(ulong.MaxValue - 1));
    }

    [Fact]
    public void Unsupported_metric_kinds_are_skipped_and_counted_not_fatal()
    {
        var payload = new Payload { Seq = 3 };
        payload.Metrics.Add(new Payload.Types.Metric { Name = "table", Datatype = (uint)SparkplugDataType.DataSet, DatasetValue = new Payload.Types.DataSet { NumOfColumns = 0 } });
        payload.Metrics.Add(new Payload.Types.Metric { Name = "blob", Datatype = (uint)SparkplugDataType.Bytes, BytesValue = ByteString.CopyFrom(1, 2, 3) });
        payload.Metrics.Add(new Payload.Types.Metric { Name = "arr", Datatype = (uint)SparkplugDataType.Int32Array, BytesValue = ByteString.CopyFrom(1, 0, 0, 0) });
        payload.Metrics.Add(new Payload.Types.Metric { Name = "ok", Datatype = (uint)SparkplugDataType.Double, DoubleValue = 2.5 });

        var decoded = SparkplugPayloadCodec.Decode(payload.ToByteArray());

        decoded.SkippedMetrics.ShouldBe(3);
        decoded.Metrics.ShouldHaveSingleItem().Name.ShouldBe("ok");
    }

    [Fact]
    public void A_multi_segment_sequence_decodes_like_one_span()
    {
        var bytes = SparkplugPayloadCodec.Encode(new SparkplugPayload(T0, 5, [new SparkplugMetric("a", SparkplugDataType.Int32, SampleValue.FromLong(-5))]));
        var first = new Segment(bytes.AsMemory(0, 3));
        var last = first.Append(bytes.AsMemory(3));

        var decoded = SparkplugPayloadCodec.Decode(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length));

        decoded.Metrics[0].Value.ShouldBe(SampleValue.FromLong(-5));
    }

    [Fact]
    public void Encoding_to_a_buffer_writer_gives_the_same_bytes()
    {
        var payload = new SparkplugPayload(T0, 9, [new SparkplugMetric("a", SparkplugDataType.Boolean, SampleValue.FromBool(true))]);
        var writer = new ArrayBufferWriter<byte>();

        SparkplugPayloadCodec.Encode(payload, writer);

        writer.WrittenSpan.ToArray().ShouldBe(SparkplugPayloadCodec.Encode(payload));
    }

    [Fact]
    public void Truncated_bytes_give_a_format_exception()
    {
        var bytes = SparkplugPayloadCodec.Encode(new SparkplugPayload(T0, 1, [new SparkplugMetric("temperature", SparkplugDataType.Double, SampleValue.FromDouble(1))]));

        var ex = Should.Throw<SparkplugFormatException>(() => SparkplugPayloadCodec.Decode(bytes.AsSpan(0, bytes.Length - 3)));
        ex.Message.ShouldContain("protobuf");
    }

    [Fact]
    public void A_value_in_the_wrong_field_for_its_data_type_gives_a_format_exception()
    {
        var payload = new Payload();
        payload.Metrics.Add(new Payload.Types.Metric { Name = "m", Datatype = (uint)SparkplugDataType.Double, StringValue = "x" });

        var ex = Should.Throw<SparkplugFormatException>(() => SparkplugPayloadCodec.Decode(payload.ToByteArray()));
        ex.Message.ShouldContain("'m'");
    }

    [Fact]
    public void A_seq_above_255_gives_a_format_exception()
    {
        var payload = new Payload { Seq = 256 };

        Should.Throw<SparkplugFormatException>(() => SparkplugPayloadCodec.Decode(payload.ToByteArray())).Message.ShouldContain("seq");
    }

    [Fact]
    public void A_timestamp_beyond_year_9999_gives_a_format_exception()
    {
        var payload = new Payload { Timestamp = ulong.MaxValue };

        Should.Throw<SparkplugFormatException>(() => SparkplugPayloadCodec.Decode(payload.ToByteArray())).Message.ShouldContain("timestamp");
    }

    [Fact]
    public void A_metric_without_name_and_alias_gives_a_format_exception()
    {
        var payload = new Payload();
        payload.Metrics.Add(new Payload.Types.Metric { Datatype = (uint)SparkplugDataType.Double, DoubleValue = 1 });

        Should.Throw<SparkplugFormatException>(() => SparkplugPayloadCodec.Decode(payload.ToByteArray()));
    }

    [Fact]
    public void Int8_round_trips() => Holds<sbyte>(value => RoundTripValue(SparkplugDataType.Int8, SampleValue.FromLong(value)));

    [Fact]
    public void Int16_round_trips() => Holds<short>(value => RoundTripValue(SparkplugDataType.Int16, SampleValue.FromLong(value)));

    [Fact]
    public void Int32_round_trips() => Holds<int>(value => RoundTripValue(SparkplugDataType.Int32, SampleValue.FromLong(value)));

    [Fact]
    public void Int64_round_trips() => Holds<long>(value => RoundTripValue(SparkplugDataType.Int64, SampleValue.FromLong(value)));

    [Fact]
    public void UInt8_round_trips() => Holds<byte>(value => RoundTripValue(SparkplugDataType.UInt8, SampleValue.FromLong(value)));

    [Fact]
    public void UInt16_round_trips() => Holds<ushort>(value => RoundTripValue(SparkplugDataType.UInt16, SampleValue.FromLong(value)));

    [Fact]
    public void UInt32_round_trips() => Holds<uint>(value => RoundTripValue(SparkplugDataType.UInt32, SampleValue.FromLong(value)));

    [Fact]
    public void UInt64_round_trips() => Holds<ulong>(value =>
    {
        var expected = value <= long.MaxValue ? SampleValue.FromLong((long)value) : SampleValue.FromDouble(value);
        var decoded = RoundTrip(new SparkplugPayload(null, 0, [new SparkplugMetric("m", SparkplugDataType.UInt64, expected)]));
        return decoded.Metrics[0].Value == expected;
    });

    [Fact]
    public void Float_round_trips() => Holds<float>(value =>
        float.IsNaN(value)
            ? double.IsNaN(RoundTrip(new SparkplugPayload(null, 0, [new SparkplugMetric("m", SparkplugDataType.Float, SampleValue.FromDouble(value))])).Metrics[0].Value.AsDouble())
            : RoundTripValue(SparkplugDataType.Float, SampleValue.FromDouble(value)));

    [Fact]
    public void Double_round_trips() => Holds<NormalFloat>(value => RoundTripValue(SparkplugDataType.Double, SampleValue.FromDouble(value.Get)));

    [Fact]
    public void String_round_trips_as_utf8() => Holds<NonNull<string>>(value =>
    {
        var text = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(value.Get));
        var decoded = RoundTrip(new SparkplugPayload(null, 0, [new SparkplugMetric("m", SparkplugDataType.String, SampleValue.FromString(value.Get))]));
        return decoded.Metrics[0].Value == SampleValue.FromString(text);
    });

    [Fact]
    public void DateTime_round_trips() => Holds<ulong>(milliseconds =>
        RoundTripValue(SparkplugDataType.DateTime, SampleValue.FromLong((long)(milliseconds % SparkplugValuesMaxMs))));

    [Fact]
    public void Random_bytes_decode_or_give_a_format_exception() => Holds<byte[]>(bytes => DecodesOrFormatException(bytes), 1000);

    [Fact]
    public void Corrupted_valid_payloads_decode_or_give_a_format_exception() => Holds<(PositiveInt Position, byte Replacement)>(change =>
    {
        var bytes = SparkplugPayloadCodec.Encode(new SparkplugPayload(T0, 12,
        [
            new SparkplugMetric("temperature", SparkplugDataType.Float, SampleValue.FromDouble(21.5)) { Alias = 1, Unit = "°C" },
            new SparkplugMetric("count", SparkplugDataType.UInt32, SampleValue.FromLong(7)) { Alias = 2, Timestamp = T0 },
            new SparkplugMetric("mode", SparkplugDataType.String, SampleValue.FromString("auto")) { Alias = 3 },
        ]));
        bytes[change.Position.Get % bytes.Length] = change.Replacement;
        return DecodesOrFormatException(bytes);
    }, 1000);

    private const long SparkplugValuesMaxMs = 253_402_300_799_999;

    private static void Holds<T>(Func<T, bool> property, int maxTest = 200) =>
        Prop.ForAll(ArbMap.Default.ArbFor<T>(), property).Check(Config.QuickThrowOnFailure.WithMaxTest(maxTest));

    private static bool DecodesOrFormatException(byte[] bytes)
    {
        try
        {
            SparkplugPayloadCodec.Decode(bytes);
        }
        catch (SparkplugFormatException)
        {
            // The only failure allowed.
        }

        return true;
    }

    private static bool RoundTripValue(SparkplugDataType type, SampleValue value) =>
        RoundTrip(new SparkplugPayload(null, 0, [new SparkplugMetric("m", type, value)])).Metrics[0].Value == value;

    private static SparkplugPayload RoundTrip(SparkplugPayload payload)
    {
        var writer = new ArrayBufferWriter<byte>();
        SparkplugPayloadCodec.Encode(payload, writer);
        return SparkplugPayloadCodec.Decode(new ReadOnlySequence<byte>(writer.WrittenMemory));
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
