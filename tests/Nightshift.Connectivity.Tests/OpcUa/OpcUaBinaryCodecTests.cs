using Nightshift.Connectivity.OpcUa.Types;
using Nightshift.Core.Samples;

namespace Nightshift.Connectivity.Tests.OpcUa;

/// <summary>The OPC UA binary encoding (Part 6, 5.2): byte-exact vectors from the specification, round trips of every built-in type, and the limits.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1861:Avoid constant arrays as arguments", Justification = "Test vectors read best inline.")]
public sealed class OpcUaBinaryCodecTests
{
    private static readonly DateTime At = new(2026, 5, 1, 12, 0, 0, 123, DateTimeKind.Utc);

    [Theory]
    [InlineData("i=72", "00 48")]
    [InlineData("ns=5;i=1025", "01 05 01 04")]
    [InlineData("ns=300;i=70000", "02 2C 01 70 11 01 00")]
    [InlineData("ns=1;s=Hot水", "03 01 00 06 00 00 00 48 6F 74 E6 B0 B4")]
    [InlineData("ns=1;g=72962B91-FA75-4AE6-8D28-B404DC7DAF63", "04 01 00 91 2B 96 72 75 FA E6 4A 8D 28 B4 04 DC 7D AF 63")]
    [InlineData("ns=2;b=AQID", "05 02 00 03 00 00 00 01 02 03")]
    public void Node_ids_encode_as_in_part_6(string text, string hex)
    {
        var nodeId = NodeId.Parse(text);

        var bytes = Encode(w => w.WriteNodeId(nodeId));

        Convert.ToHexString(bytes).ShouldBe(hex.Replace(" ", string.Empty, StringComparison.Ordinal));
        var reader = new OpcUaBinaryReader(bytes);
        reader.ReadNodeId().ShouldBe(nodeId);
        reader.Remaining.ShouldBe(0);
        nodeId.ToString().ShouldBe(text.Replace("72962B91-FA75-4AE6-8D28-B404DC7DAF63", "72962b91-fa75-4ae6-8d28-b404dc7daf63", StringComparison.Ordinal));
    }

    [Fact]
    public void Strings_variants_and_date_times_encode_as_in_part_6()
    {
        Convert.ToHexString(Encode(w => w.WriteString("水Boy"))).ShouldBe("06000000E6B0B4426F79");
        Convert.ToHexString(Encode(w => w.WriteString(null))).ShouldBe("FFFFFFFF");
        Convert.ToHexString(Encode(w => w.WriteVariant(Variant.From(1000)))).ShouldBe("06E8030000");
        Convert.ToHexString(Encode(w => w.WriteDateTime(new DateTime(1601, 1, 1, 0, 0, 0, DateTimeKind.Utc)))).ShouldBe("0000000000000000");
        Convert.ToHexString(Encode(w => w.WriteDateTime(DateTime.MinValue))).ShouldBe("0000000000000000");
        Convert.ToHexString(Encode(w => w.WriteLocalizedText(new LocalizedText(null, "A")))).ShouldBe("020100000041");
        Convert.ToHexString(Encode(w => w.WriteDataValue(new DataValue(Variant.From(true), new StatusCode(0x80340000))))).ShouldBe("03010100003480");
        Convert.ToHexString(Encode(w => w.WriteVariant(Variant.Array(BuiltInType.Int16, new short[] { 1, 2 })))).ShouldBe("840200000001000200");
        Convert.ToHexString(Encode(w => w.WriteExpandedNodeId(new ExpandedNodeId(NodeId.FromNumeric(0, 1), "u", 3)))).ShouldBe("C0010100000075" + "03000000");
    }

    public static TheoryData<string, Variant> Variants() => new()
    {
        { "null", Variant.Null },
        { "bool", Variant.From(true) },
        { "sbyte", Variant.From((sbyte)-5) },
        { "byte", Variant.From((byte)250) },
        { "int16", Variant.From((short)-300) },
        { "uint16", Variant.From((ushort)65000) },
        { "int32", Variant.From(int.MinValue) },
        { "uint32", Variant.From(uint.MaxValue) },
        { "int64", Variant.From(long.MinValue) },
        { "uint64", Variant.From(ulong.MaxValue) },
        { "float", Variant.From(-1.5f) },
        { "double", Variant.From(double.Epsilon) },
        { "string", Variant.From("Grüße ✓") },
        { "null string", Variant.From((string?)null) },
        { "datetime", Variant.From(At) },
        { "guid", Variant.From(Guid.Parse("72962B91-FA75-4AE6-8D28-B404DC7DAF63")) },
        { "bytestring", Variant.From(new byte[] { 0, 255, 7 }) },
        { "xml", Variant.Scalar(BuiltInType.XmlElement, "<a/>") },
        { "nodeid", Variant.From(NodeId.FromString(3, "x")) },
        { "expanded", Variant.Scalar(BuiltInType.ExpandedNodeId, new ExpandedNodeId(NodeId.FromNumeric(2, 9), "urn:x", 4)) },
        { "status", Variant.From(new StatusCode(0x80340000)) },
        { "qualified", Variant.From(new QualifiedName(2, "Name")) },
        { "localized", Variant.From(new LocalizedText("en", "Text")) },
        { "extension", Variant.Scalar(BuiltInType.ExtensionObject, new ExtensionObject(NodeId.FromNumeric(0, 999), ExtensionObjectEncoding.Binary, new byte[] { 1, 2 })) },
        { "datavalue", Variant.Scalar(BuiltInType.DataValue, new DataValue(Variant.From(1.5), StatusCode.BadTimeout) { SourceTimestamp = At, SourcePicoseconds = 7, ServerTimestamp = At, ServerPicoseconds = 9 }) },
        { "diagnostic", Variant.Scalar(BuiltInType.DiagnosticInfo, new DiagnosticInfo { SymbolicId = 1, NamespaceUri = 2, Locale = 3, LocalizedText = 4, AdditionalInfo = "more", InnerStatusCode = StatusCode.BadTimeout, InnerDiagnosticInfo = new DiagnosticInfo { AdditionalInfo = "inner" } }) },
        { "int32 array", Variant.Array(BuiltInType.Int32, new[] { 1, -2, 3 }) },
        { "double matrix", Variant.Array(BuiltInType.Double, new[] { 1.0, 2, 3, 4, 5, 6 }, [2, 3]) },
        { "string array", Variant.Array(BuiltInType.String, new string?[] { "a", null, "ü" }) },
        { "byte array", Variant.Array(BuiltInType.Byte, new byte[] { 1, 2 }) },
        { "bool array", Variant.Array(BuiltInType.Boolean, new[] { true, false }) },
        { "float array", Variant.Array(BuiltInType.Float, new[] { 1.5f }) },
        { "bytestring array", Variant.Array(BuiltInType.ByteString, new byte[]?[] { [1], null }) },
        { "nodeid array", Variant.Array(BuiltInType.NodeId, new[] { NodeId.FromNumeric(0, 85), NodeId.FromGuid(1, Guid.Empty) }) },
        { "variant array", Variant.Array(BuiltInType.Variant, new[] { Variant.From(1), Variant.From("two"), Variant.Array(BuiltInType.Int16, new short[] { 3 }) }) },
        { "datetime array", Variant.Array(BuiltInType.DateTime, new[] { At, DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc) }) },
        { "empty array", Variant.Array(BuiltInType.UInt64, Array.Empty<ulong>()) },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_built_in_type_round_trips_in_a_variant_and_a_data_value(string name, Variant value)
    {
        var bytes = Encode(w => w.WriteVariant(value));
        var reader = new OpcUaBinaryReader(bytes);

        var back = reader.ReadVariant();

        back.ShouldBe(value, name);
        reader.Remaining.ShouldBe(0);
        var dataValue = new DataValue(value, StatusCode.Good) { SourceTimestamp = At };
        var dataBytes = Encode(w => w.WriteDataValue(dataValue));
        new OpcUaBinaryReader(dataBytes).ReadDataValue().ShouldBe(dataValue);
    }

    [Fact]
    public void Randomly_built_arrays_round_trip()
    {
        var random = new Random(42);
        for (var i = 0; i < 200; i++)
        {
            var length = random.Next(0, 50);
            var ints = Enumerable.Range(0, length).Select(_ => random.Next()).ToArray();
            var doubles = Enumerable.Range(0, length).Select(_ => (random.NextDouble() - 0.5) * 1e300).ToArray();
            var strings = Enumerable.Range(0, length).Select(_ => new string((char)random.Next(32, 0xD7FF), random.Next(0, 5))).ToArray();
            foreach (var variant in new[] { Variant.Array(BuiltInType.Int32, ints), Variant.Array(BuiltInType.Double, doubles), Variant.Array(BuiltInType.String, strings) })
            {
                new OpcUaBinaryReader(Encode(w => w.WriteVariant(variant))).ReadVariant().ShouldBe(variant);
            }
        }
    }

    [Fact]
    public void A_hostile_length_is_a_format_error_before_any_allocation()
    {
        byte[] hugeString = [0xFF, 0xFF, 0xFF, 0x7F, 0x41];
        byte[] hugeArray = [0x86, 0x00, 0x00, 0x00, 0x10, 0x01, 0x00, 0x00, 0x00];
        byte[] lyingArray = [0x86, 0x10, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00];
        var before = GC.GetAllocatedBytesForCurrentThread();

        Should.Throw<OpcUaFormatException>(() => new OpcUaBinaryReader(hugeString).ReadString());
        Should.Throw<OpcUaFormatException>(() => new OpcUaBinaryReader(hugeArray).ReadVariant());
        Should.Throw<OpcUaFormatException>(() => new OpcUaBinaryReader(lyingArray).ReadVariant());

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBeLessThan(100_000);
    }

    [Fact]
    public void Malformed_input_is_a_format_error()
    {
        Should.Throw<OpcUaFormatException>(() => new OpcUaBinaryReader([0x06, 0x01]).ReadVariant()).Message.ShouldContain("ends early");
        Should.Throw<OpcUaFormatException>(() => new OpcUaBinaryReader([0x3F]).ReadVariant()).Message.ShouldContain("unknown type");
        Should.Throw<OpcUaFormatException>(() => new OpcUaBinaryReader([0x09]).ReadNodeId());
        Should.Throw<OpcUaFormatException>(() => new OpcUaBinaryReader([0x18]).ReadVariant());
        Should.Throw<OpcUaFormatException>(() => new OpcUaBinaryReader([0x46, 0, 0, 0, 0]).ReadVariant());
        byte[] badMatrix = [0xC6, 0x02, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0x01, 0, 0, 0, 0x03, 0, 0, 0];
        Should.Throw<OpcUaFormatException>(() => new OpcUaBinaryReader(badMatrix).ReadVariant()).Message.ShouldContain("Matrix");
        byte[] badUtf8 = [0x02, 0, 0, 0, 0xC3, 0x28];
        new OpcUaBinaryReader(badUtf8).ReadString().ShouldBe("\uFFFD(", "invalid UTF-8 is replaced, as lenient peers expect");
        byte[] extension = [0x00, 0x01, 0x07];
        Should.Throw<OpcUaFormatException>(() => new OpcUaBinaryReader(extension).ReadExtensionObject());
    }

    [Fact]
    public void Nesting_beyond_the_limit_is_a_format_error()
    {
        var bytes = new List<byte>();
        for (var i = 0; i < 100; i++)
        {
            bytes.AddRange([0x98, 0x01, 0x00, 0x00, 0x00]);
        }

        bytes.Add(0x00);
        var limits = new OpcUaEncodingLimits { MaxNestingDepth = 16 };

        Should.Throw<OpcUaFormatException>(() => new OpcUaBinaryReader(bytes.ToArray(), limits).ReadVariant()).Message.ShouldContain("Nesting");
    }

    [Fact]
    public void Limits_bound_strings_and_arrays()
    {
        var limits = new OpcUaEncodingLimits { MaxStringLength = 3, MaxArrayLength = 2 };

        Should.Throw<OpcUaFormatException>(() => new OpcUaBinaryReader(Encode(w => w.WriteString("four")), limits).ReadString());
        Should.Throw<OpcUaFormatException>(() => new OpcUaBinaryReader(Encode(w => w.WriteVariant(Variant.Array(BuiltInType.Int32, new[] { 1, 2, 3 }))), limits).ReadVariant());
        new OpcUaBinaryReader(Encode(w => w.WriteString("abc")), limits).ReadString().ShouldBe("abc");
    }

    [Theory]
    [InlineData(0x00000000u, QualitySeverity.Good)]
    [InlineData(0x40920000u, QualitySeverity.Uncertain)]
    [InlineData(0x80340000u, QualitySeverity.Bad)]
    [InlineData(0x808B0000u, QualitySeverity.Bad)]
    public void Status_codes_map_to_quality_keeping_the_code(uint code, QualitySeverity severity)
    {
        var quality = new StatusCode(code | 0x0400).ToQuality();

        quality.Severity.ShouldBe(severity);
        quality.Code.ShouldBe(code);
    }

    [Fact]
    public void Variants_map_to_sample_values()
    {
        Variant.From(true).ToSampleValue().ShouldBe(SampleValue.FromBool(true));
        Variant.From((ushort)7).ToSampleValue().ShouldBe(SampleValue.FromLong(7));
        Variant.From(ulong.MaxValue).ToSampleValue().Kind.ShouldBe(ValueKind.Double);
        Variant.From(2.5f).ToSampleValue().ShouldBe(SampleValue.FromDouble(2.5));
        Variant.From("x").ToSampleValue().ShouldBe(SampleValue.FromString("x"));
        Variant.From(At).ToSampleValue().AsString().ShouldBe("2026-05-01T12:00:00.1230000Z");
        Variant.Null.ToSampleValue().ShouldBe(SampleValue.None);
        Variant.Array(BuiltInType.Double, new[] { 1.5, 2 }).ToSampleValue().AsString().ShouldBe("[1.5, 2]");
    }

    [Fact]
    public void Variants_refuse_values_of_the_wrong_clr_type()
    {
        Should.Throw<ArgumentException>(() => Variant.Scalar(BuiltInType.Int32, 1L));
        Should.Throw<ArgumentException>(() => Variant.Array(BuiltInType.Int32, new long[] { 1 }));
        Should.Throw<ArgumentException>(() => Variant.Array(BuiltInType.Int32, new[] { 1, 2, 3 }, [2, 2]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("x=1")]
    [InlineData("ns=a;i=1")]
    [InlineData("i=-1")]
    [InlineData("g=nope")]
    public void Malformed_node_id_texts_do_not_parse(string text) => NodeId.TryParse(text, out _).ShouldBeFalse();

    private static byte[] Encode(Action<OpcUaBinaryWriter> write)
    {
        using var writer = new OpcUaBinaryWriter(4);
        write(writer);
        return writer.ToArray();
    }
}
