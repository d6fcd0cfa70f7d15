using System.Buffers;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Nightshift.Connectivity.Json;
using Nightshift.Core.Samples;

namespace Nightshift.Connectivity.Tests.Json;

public sealed class JsonDeviceCodecTests
{
    private static readonly DateTime Received = new(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Values_of_every_kind_decode_with_the_payload_timestamp()
    {
        var points = Decode("""{"timestamp":"2026-05-01T11:59:58.250Z","values":{"temperature":21.5,"running":true,"mode":"auto","count":12}}""");

        points.Select(p => p.Name).ShouldBe(["temperature", "running", "mode", "count"]);
        points.Select(p => p.Value).ShouldBe(
        [
            SampleValue.FromDouble(21.5),
            SampleValue.FromBool(true),
            SampleValue.FromString("auto"),
            SampleValue.FromLong(12),
        ]);
        points.ShouldAllBe(p => p.Timestamp == new DateTime(2026, 5, 1, 11, 59, 58, 250, DateTimeKind.Utc) && p.Quality == Quality.Good);
    }

    [Fact]
    public void A_missing_timestamp_means_the_receive_time()
    {
        Decode("""{"values":{"a":1}}""").ShouldHaveSingleItem().Timestamp.ShouldBe(Received);
    }

    [Fact]
    public void A_value_object_carries_its_own_timestamp_and_quality()
    {
        var points = Decode("""{"values":{"p":{"value":2.5,"timestamp":"2026-05-01T13:00:00+02:00","quality":"uncertain"},"q":{"quality":"bad","value":0}},"timestamp":"2026-05-01T11:00:00Z"}""");

        points[0].Value.ShouldBe(SampleValue.FromDouble(2.5));
        points[0].Timestamp.ShouldBe(new DateTime(2026, 5, 1, 11, 0, 0, DateTimeKind.Utc));
        points[0].Timestamp.Kind.ShouldBe(DateTimeKind.Utc);
        points[0].Quality.ShouldBe(Quality.Uncertain);
        points[1].Quality.ShouldBe(Quality.Bad);
        points[1].Timestamp.ShouldBe(new DateTime(2026, 5, 1, 11, 0, 0, DateTimeKind.Utc), "the payload timestamp may follow the values");
    }

    [Fact]
    public void Integers_become_long_and_other_numbers_double()
    {
        var points = Decode("""{"values":{"i":9007199254740993,"d":1e3,"f":0.1,"n":-4}}""");

        points[0].Value.ShouldBe(SampleValue.FromLong(9_007_199_254_740_993));
        points[1].Value.ShouldBe(SampleValue.FromDouble(1000));
        points[2].Value.ShouldBe(SampleValue.FromDouble(0.1));
        points[3].Value.ShouldBe(SampleValue.FromLong(-4));
    }

    [Theory]
    [InlineData("not json", "invalid JSON")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("{\"values\":{\"a\":1}", "invalid JSON")]
    [InlineData("{}", "no 'values'")]
    [InlineData("{\"values\":[1]}", "'values' must be an object")]
    [InlineData("{\"values\":{\"a\":[1]}}", "'a' must be")]
    [InlineData("{\"values\":{\"a\":null}}", "'a' is null")]
    [InlineData("{\"values\":{\"a\":{\"quality\":\"good\"}}}", "no 'value'")]
    [InlineData("{\"values\":{\"a\":{\"value\":1,\"quality\":\"fine\"}}}", "quality of 'a'")]
    [InlineData("{\"values\":{\"a\":1},\"extra\":2}", "unknown property 'extra'")]
    [InlineData("{\"values\":{\"a\":1}} {}", "invalid JSON")]
    [InlineData("{\"values\":{\"\":1}}", "empty name")]
    [InlineData("{\"values\":{\"a\":1e999}}", "out of range")]
    public void Invalid_json_or_shape_gives_a_clear_format_error(string json, string reason)
    {
        Should.Throw<JsonDeviceFormatException>(() => Decode(json)).Message.ShouldContain(reason);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-05-01 12:00:00Z")]
    [InlineData("2026-05-01T12:00:00")]
    [InlineData("01/05/2026 12:00")]
    [InlineData("2026-13-01T12:00:00Z")]
    public void An_unparseable_timestamp_is_an_error_never_now(string timestamp)
    {
        var json = $$$"""{"timestamp":"{{{timestamp}}}","values":{"a":1}}""";

        Should.Throw<JsonDeviceFormatException>(() => Decode(json)).Message.ShouldContain("ISO-8601");
    }

    [Theory]
    [InlineData("2026-05-01T12:00:00Z")]
    [InlineData("2026-05-01T12:00:00.1234567Z")]
    [InlineData("2026-05-01T14:00:00+02:00")]
    public void ISO_8601_timestamps_with_a_zone_parse_to_UTC(string text)
    {
        JsonDeviceCodec.TryParseTimestamp(text, out var utc).ShouldBeTrue();

        utc.Kind.ShouldBe(DateTimeKind.Utc);
        utc.Date.ShouldBe(new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc));
        utc.Hour.ShouldBe(12);
    }

    [Theory]
    [InlineData("nightshift/json/filler", "json/filler")]
    [InlineData("nightshift/json/line-7/filler", "json/line-7/filler")]
    [InlineData("nightshift/json/a/b/c/d/e/f/g/h", "json/a/b/c/d/e/f/g/h")]
    public void Device_topics_map_to_json_sources(string topic, string source)
    {
        JsonDeviceCodec.TryParseTopic(topic, out var parsed, out var error).ShouldBeTrue(error);

        parsed.ShouldBe(source);
    }

    [Theory]
    [InlineData("nightshift/json/", "names no device")]
    [InlineData("nightshift/json/a//b", "empty")]
    [InlineData("nightshift/json/a/b/c/d/e/f/g/h/i", "at most 8")]
    [InlineData("nightshift/jsonx/a", "starts with")]
    [InlineData("nightshift/json/a/#", "wildcard")]
    public void Wrong_device_topics_are_refused_with_a_reason(string topic, string reason)
    {
        JsonDeviceCodec.TryParseTopic(topic, out _, out var error).ShouldBeFalse();

        error.ShouldContain(reason);
    }

    [Fact]
    public void A_sequence_decodes_like_a_span()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"values":{"a":1}}""");

        JsonDeviceCodec.Decode(new ReadOnlySequence<byte>(bytes), Received).ShouldHaveSingleItem().Value.ShouldBe(SampleValue.FromLong(1));
    }

    [Fact]
    public void Any_bytes_decode_or_give_a_format_error()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes =>
        {
            try
            {
                JsonDeviceCodec.Decode(bytes, Received);
            }
            catch (JsonDeviceFormatException)
            {
                // The only failure allowed.
            }

            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }

    [Fact]
    public void Mutated_valid_payloads_decode_or_give_a_format_error()
    {
        var valid = Encoding.UTF8.GetBytes("""{"timestamp":"2026-05-01T12:00:00Z","values":{"a":1,"b":{"value":true,"quality":"bad","timestamp":"2026-05-01T12:00:00Z"}}}""");
        Prop.ForAll(ArbMap.Default.ArbFor<(PositiveInt Position, byte Replacement)>(), change =>
        {
            var bytes = (byte[])valid.Clone();
            bytes[change.Position.Get % bytes.Length] = change.Replacement;
            try
            {
                JsonDeviceCodec.Decode(bytes, Received);
            }
            catch (JsonDeviceFormatException)
            {
                // The only failure allowed.
            }

            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }

    private static IReadOnlyList<Nightshift.Core.Ingest.SourcePoint> Decode(string json) =>
        JsonDeviceCodec.Decode(Encoding.UTF8.GetBytes(json), Received);
}
