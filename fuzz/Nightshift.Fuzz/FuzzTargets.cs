using System.Text;
using Nightshift.Connectivity.Json;
using Nightshift.Connectivity.LineProtocol;
using Nightshift.Connectivity.Modbus;
using Nightshift.Connectivity.Sparkplug;
using Nightshift.Core.Samples;

namespace Nightshift.Fuzz;

/// <summary>The decoders under fuzzing, each with a corpus built by our own encoders (or by hand for JSON). Thread-safe.</summary>
public static class FuzzTargets
{
    private static readonly DateTime Received = new(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>The decoder names, in run order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["sparkplug", "json", "lineprotocol", "modbus", "mqtt-topic", "opcua"];

    /// <summary>Builds the target called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No decoder has that name.</exception>
    public static FuzzTarget Create(string name) => name switch
    {
        "sparkplug" => Sparkplug(),
        "json" => Json(),
        "lineprotocol" => LineProtocol(),
        "modbus" => Modbus(),
        "mqtt-topic" => MqttTopic(),
        "opcua" => OpcUaFuzzTarget.Create(),
        _ => throw new ArgumentException($"Unknown decoder '{name}'; use all or one of {string.Join(", ", Names)}.", nameof(name)),
    };

    private static FuzzTarget Sparkplug()
    {
        var at = new DateTime(2026, 5, 1, 11, 59, 58, DateTimeKind.Utc);
        SparkplugMetric[] metrics =
        [
            new("Node Control/Rebirth", SparkplugDataType.Boolean, SampleValue.FromBool(false)) { Alias = 0 },
            new("press/force", SparkplugDataType.Double, SampleValue.FromDouble(1234.5)) { Alias = 1, Timestamp = at, Unit = "kN" },
            new("press/temp", SparkplugDataType.Float, SampleValue.FromDouble(21.5)) { Alias = 2, Unit = "°C" },
            new("count", SparkplugDataType.Int64, SampleValue.FromLong(long.MinValue)) { Alias = 3 },
            new("i8", SparkplugDataType.Int8, SampleValue.FromLong(-128)),
            new("i16", SparkplugDataType.Int16, SampleValue.FromLong(-32768)),
            new("i32", SparkplugDataType.Int32, SampleValue.FromLong(int.MinValue)),
            new("u8", SparkplugDataType.UInt8, SampleValue.FromLong(255)),
            new("u16", SparkplugDataType.UInt16, SampleValue.FromLong(65535)),
            new("u32", SparkplugDataType.UInt32, SampleValue.FromLong(uint.MaxValue)),
            new("u64", SparkplugDataType.UInt64, SampleValue.FromLong(long.MaxValue)),
            new("mode", SparkplugDataType.String, SampleValue.FromString("auto")),
            new("note", SparkplugDataType.Text, SampleValue.FromString("line\nbreak ✓")),
            new("id", SparkplugDataType.Uuid, SampleValue.FromString("6f1c7a1e-3d2b-4f6a-9b1a-2c3d4e5f6a7b")),
            new("when", SparkplugDataType.DateTime, SampleValue.FromLong(1_777_636_800_000)),
            SparkplugMetric.Null("missing", SparkplugDataType.Double),
            new(null, SparkplugDataType.Unknown, SampleValue.FromDouble(3.25)) { Alias = 1 },
        ];
        List<byte[]> corpus =
        [
            SparkplugPayloadCodec.Encode(new SparkplugPayload(at, 0, metrics)),
            SparkplugPayloadCodec.Encode(new SparkplugPayload(at, 255, [metrics[1], metrics[2]])),
            SparkplugPayloadCodec.Encode(new SparkplugPayload(null, null, [])),
            SparkplugPayloadCodec.Encode(new SparkplugPayload(at, 7, [metrics[^1], metrics[^2]])),
        ];
        corpus.AddRange(metrics.Select(m => SparkplugPayloadCodec.Encode(new SparkplugPayload(at, 1, [m]))));
        return new FuzzTarget("sparkplug", corpus, [], static input => SparkplugPayloadCodec.Decode(input), typeof(SparkplugFormatException));
    }

    private static FuzzTarget Json()
    {
        string[] texts =
        [
            """{"timestamp":"2026-05-01T11:59:58.250Z","values":{"temperature":21.5,"running":true,"mode":"auto","count":12}}""",
            """{"values":{"a":1}}""",
            """{"values":{"p":{"value":2.5,"timestamp":"2026-05-01T13:00:00+02:00","quality":"uncertain"},"q":{"quality":"bad","value":0}},"timestamp":"2026-05-01T11:00:00Z"}""",
            """{"values":{"i":9007199254740993,"d":1e3,"f":0.1,"n":-4,"s":"\u00e9\n","b":false}}""",
            """{ "values" : { "x\"y" : { "value" : "text", "quality" : "good" } } }""",
        ];
        string[] tokens = ["{", "}", "[", "]", "\"", "\\", ":", ",", "null", "true", "1e999", "-0", "\\u0000", "\\ud800", "\"value\"", "\"quality\"", "\"timestamp\"", "\"values\"", "{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":1}}}}}}}}}"];
        return new FuzzTarget("json", Utf8(texts), Utf8(tokens), static input => JsonDeviceCodec.Decode(input, Received), typeof(JsonDeviceFormatException));
    }

    private static FuzzTarget LineProtocol()
    {
        var at = new DateTime(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc).AddTicks(1234567);
        LineProtocolPoint[] points =
        [
            new("cpu", [new("host", "web1"), new("region", "eu")], [new("usage_idle", LineProtocolFieldType.Float, SampleValue.FromDouble(3.5))], at),
            new("disk space", [new("path", "/var/log"), new("host", "web 1,a=b")], [new("used", LineProtocolFieldType.Integer, SampleValue.FromLong(-9_223_372_036_854_775_807)), new("free", LineProtocolFieldType.Unsigned, SampleValue.FromLong(long.MaxValue))], at),
            new("m,x", [], [new("on", LineProtocolFieldType.Boolean, SampleValue.FromBool(true)), new("msg", LineProtocolFieldType.String, SampleValue.FromString("say \"hi\"\\ now\n"))], at),
            new("press", [new("line", "1"), new("cell", "2"), new("eq", "3")], [new("force=x", LineProtocolFieldType.Float, SampleValue.FromDouble(-1.25e-300))], DateTime.UnixEpoch),
        ];
        var lines = points.Select(LineProtocolFormatter.Format).ToList();
        List<string> texts = [.. lines, string.Join('\n', lines), string.Join("\r\n", lines) + "\n", "# comment\n" + lines[0] + "\n\n" + lines[1], "cpu value=1", "cpu value=1i 1700000000000000000"];
        string[] tokens = [",", "=", " ", "\n", "\"", "\\", "#", "i", "u", "t", "F", "1e308", "-", "9223372036854775808", "18446744073709551616", "\\ ", "\\,", "\\=", "\r\n"];
        return new FuzzTarget("lineprotocol", Utf8(texts), Utf8(tokens), static input => LineProtocolParser.Parse(input, LineProtocolPrecision.Nanoseconds, Received), null);
    }

    private static FuzzTarget Modbus()
    {
        ModbusRequest[] requests =
        [
            ModbusRequest.ReadCoils(1, 0, 2000),
            ModbusRequest.ReadDiscreteInputs(2, 100, 7),
            ModbusRequest.ReadHoldingRegisters(1, 40000, 125),
            ModbusRequest.ReadInputRegisters(255, 0, 1),
            ModbusRequest.WriteSingleCoil(1, 5, true),
            ModbusRequest.WriteSingleRegister(1, 6, 0xBEEF),
            ModbusRequest.WriteMultipleCoils(1, 15, [true, false, true, true, false, false, true, false, true]),
            ModbusRequest.WriteMultipleRegisters(1, 16, [1, 2, 3, 0xFFFF]),
        ];
        byte[][] readData = [[0x05], [0x01, 0x02, 0x03, 0x04], new byte[250], [0xFF, 0x00, 0x7F, 0x80]];
        ModbusResponse[] responses =
        [
            new(1, 1, ModbusFunctionCode.ReadCoils, ModbusExceptionCode.None, readData[0]),
            new(2, 2, ModbusFunctionCode.ReadDiscreteInputs, ModbusExceptionCode.None, readData[3]),
            new(3, 1, ModbusFunctionCode.ReadHoldingRegisters, ModbusExceptionCode.None, readData[2]),
            new(4, 255, ModbusFunctionCode.ReadInputRegisters, ModbusExceptionCode.None, readData[1]),
            new(5, 1, ModbusFunctionCode.WriteSingleCoil, ModbusExceptionCode.None, default, 5, 0xFF00),
            new(6, 1, ModbusFunctionCode.WriteSingleRegister, ModbusExceptionCode.None, default, 6, 0xBEEF),
            new(7, 1, ModbusFunctionCode.WriteMultipleCoils, ModbusExceptionCode.None, default, 15, 9),
            new(8, 1, ModbusFunctionCode.WriteMultipleRegisters, ModbusExceptionCode.None, default, 16, 4),
            new(9, 1, ModbusFunctionCode.ReadHoldingRegisters, ModbusExceptionCode.IllegalDataAddress, default),
            new(10, 1, ModbusFunctionCode.WriteMultipleCoils, ModbusExceptionCode.GatewayTargetDeviceFailedToRespond, default),
        ];
        var corpus = new List<byte[]>();
        var buffer = new byte[MbapHeader.MaxFrameSize];
        for (var i = 0; i < requests.Length; i++)
        {
            corpus.Add(buffer.AsSpan(0, ModbusCodec.EncodeRequest(requests[i], (ushort)i, buffer)).ToArray());
        }

        foreach (var response in responses)
        {
            corpus.Add(buffer.AsSpan(0, ModbusCodec.EncodeResponse(response, buffer)).ToArray());
        }

        return new FuzzTarget("modbus", corpus, [], input => DecodeModbus(input, requests), typeof(ModbusFormatException));
    }

    private static void DecodeModbus(ReadOnlySpan<byte> input, ModbusRequest[] requests)
    {
        // Every entry point runs on every input; the input counts as rejected when it is neither a valid request nor a
        // valid response. Only ModbusFormatException may escape any of them.
        try
        {
            ModbusCodec.FrameSize(input);
        }
        catch (ModbusFormatException)
        {
        }

        try
        {
            // The response check against a request: pick the request by the input's last byte so every one is reached.
            ModbusCodec.DecodeResponse(input, requests[input.IsEmpty ? 0 : input[^1] % requests.Length]);
        }
        catch (ModbusFormatException)
        {
        }

        try
        {
            ModbusCodec.DecodeRequest(input, out _);
            return;
        }
        catch (ModbusFormatException)
        {
        }

        ModbusCodec.DecodeResponse(input);
    }

    private static FuzzTarget MqttTopic()
    {
        string[] topics =
        [
            "spBv1.0/plant1/NBIRTH/edge1", "spBv1.0/plant1/NDATA/edge1", "spBv1.0/plant1/NDEATH/edge1",
            "spBv1.0/plant1/DBIRTH/edge1/press1", "spBv1.0/plant1/DDATA/edge1/press1", "spBv1.0/plant1/DCMD/edge1/press1",
            "spBv1.0/plant1/NCMD/edge1", "spBv1.0/STATE/host1", "spBv1.0/plant1/DDEATH/edge1/press1",
            "nightshift/json/site/area/line/cell/eq", "nightshift/json/a", "nightshift/json/a/b/c/d/e/f/g/h",
        ];
        string[] tokens = ["/", "+", "#", "\0", " ", "spBv1.0", "STATE", "DDATA", "nightshift/json/", "\uFFFD", "é"];
        return new FuzzTarget("mqtt-topic", Utf8(topics), Utf8(tokens), static input => ParseTopic(input), null);
    }

    private static void ParseTopic(ReadOnlySpan<byte> input)
    {
        var topic = Encoding.UTF8.GetString(input);
        // A rejection must say why; an accepted topic must carry its parts.
        if (SparkplugTopic.TryParse(topic, out var parsed, out var error) ? parsed.ToString().Length == 0 : error.Length == 0)
        {
            throw new InvalidOperationException("SparkplugTopic.TryParse returned an empty result or reason.");
        }

        if (JsonDeviceCodec.TryParseTopic(topic, out var source, out error) ? source.Length == 0 : error.Length == 0)
        {
            throw new InvalidOperationException("JsonDeviceCodec.TryParseTopic returned an empty source or reason.");
        }
    }

    private static byte[][] Utf8(IEnumerable<string> texts) => [.. texts.Select(Encoding.UTF8.GetBytes)];
}
