using System.Text;
using Nightshift.Connectivity.LineProtocol;
using Nightshift.Core.Samples;

namespace Nightshift.Connectivity.Tests.LineProtocol;

public sealed class LineProtocolParserTests
{
    private static readonly DateTime Received = new DateTime(2026, 11, 25, 9, 30, 15, 123, DateTimeKind.Utc).AddTicks(4567);

    [Fact]
    public void A_full_line_parses_into_measurement_sorted_tags_fields_and_timestamp()
    {
        var point = Single("cpu,region=eu,host=web1 usage_idle=3.5,count=12i 1764063015123456789");

        point.Measurement.ShouldBe("cpu");
        point.Tags.ShouldBe([new LineProtocolTag("host", "web1"), new LineProtocolTag("region", "eu")]);
        point.Fields.Select(f => f.Key).ShouldBe(["usage_idle", "count"]);
        point.Fields[0].Value.ShouldBe(SampleValue.FromDouble(3.5));
        point.Fields[1].Value.ShouldBe(SampleValue.FromLong(12));
        point.Timestamp.ShouldBe(DateTime.UnixEpoch.AddTicks(17_640_630_151_234_567));
        point.Timestamp.Kind.ShouldBe(DateTimeKind.Utc);
        point.Line.ShouldBe(1);
    }

    [Fact]
    public void A_line_without_tags_or_timestamp_takes_the_receive_time()
    {
        var point = Single("temperature value=21.5");

        point.Tags.ShouldBeEmpty();
        point.Timestamp.ShouldBe(Received);
    }

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("-2", -2.0)]
    [InlineData("1e3", 1000.0)]
    [InlineData("1.5E-2", 0.015)]
    [InlineData("-0.25e+1", -2.5)]
    [InlineData(".5", 0.5)]
    [InlineData("3.", 3.0)]
    public void Floats_parse_with_or_without_fraction_and_exponent(string text, double expected)
    {
        var field = Single("m v=" + text).Fields.ShouldHaveSingleItem();

        field.Type.ShouldBe(LineProtocolFieldType.Float);
        field.Value.ShouldBe(SampleValue.FromDouble(expected));
    }

    [Theory]
    [InlineData("12i", 12L)]
    [InlineData("-12i", -12L)]
    [InlineData("9223372036854775807i", long.MaxValue)]
    [InlineData("-9223372036854775808i", long.MinValue)]
    public void Integers_end_in_i_and_become_longs(string text, long expected)
    {
        var field = Single("m v=" + text).Fields.ShouldHaveSingleItem();

        field.Type.ShouldBe(LineProtocolFieldType.Integer);
        field.Value.ShouldBe(SampleValue.FromLong(expected));
    }

    [Fact]
    public void Unsigned_integers_end_in_u_and_become_longs_or_doubles_above_the_long_range()
    {
        var fields = Single("m a=12u,b=9223372036854775807u,c=18446744073709551615u").Fields;

        fields.ShouldAllBe(f => f.Type == LineProtocolFieldType.Unsigned);
        fields[0].Value.ShouldBe(SampleValue.FromLong(12));
        fields[1].Value.ShouldBe(SampleValue.FromLong(long.MaxValue));
        fields[2].Value.ShouldBe(SampleValue.FromDouble(18446744073709551615d));
    }

    [Theory]
    [InlineData("t", true)]
    [InlineData("T", true)]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("TRUE", true)]
    [InlineData("f", false)]
    [InlineData("F", false)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("FALSE", false)]
    public void Every_boolean_spelling_of_InfluxDB_is_read(string text, bool expected)
    {
        var field = Single("m v=" + text).Fields.ShouldHaveSingleItem();

        field.Type.ShouldBe(LineProtocolFieldType.Boolean);
        field.Value.ShouldBe(SampleValue.FromBool(expected));
    }

    [Fact]
    public void String_values_unescape_quotes_and_backslashes_and_keep_other_characters()
    {
        var fields = Single("""m a="auto",b="say \"hi\"",c="back\\slash",d="a\tb \n c",e="with, comma = and space",f="" """).Fields;

        fields.ShouldAllBe(f => f.Type == LineProtocolFieldType.String);
        fields.Select(f => f.Value.AsString()).ShouldBe(["auto", "say \"hi\"", "back\\slash", "a\\tb \\n c", "with, comma = and space", ""]);
    }

    [Fact]
    public void A_string_value_may_span_lines()
    {
        var result = Parse("m note=\"first\nsecond\" 1000\nm v=1 2000");

        result.ErrorCount.ShouldBe(0);
        result.Points[0].Fields[0].Value.AsString().ShouldBe("first\nsecond");
        result.Points[1].Line.ShouldBe(3);
    }

    [Fact]
    public void Escaped_commas_spaces_and_equals_signs_belong_to_names()
    {
        var point = Single("""disk\ io\,total,mount\ point=/var\,log,k\=ey=v\=al used\ bytes=1i,a\,b\=c=2i""");

        point.Measurement.ShouldBe("disk io,total");
        point.Tags.ShouldBe([new LineProtocolTag("k=ey", "v=al"), new LineProtocolTag("mount point", "/var,log")]);
        point.Fields.Select(f => f.Key).ShouldBe(["used bytes", "a,b=c"]);
    }

    [Fact]
    public void A_backslash_before_any_other_character_is_kept()
    {
        var point = Single("""C:\temp,path=C:\data v=1""");

        point.Measurement.ShouldBe("""C:\temp""");
        point.Tags.ShouldHaveSingleItem().Value.ShouldBe("""C:\data""");
    }

    [Fact]
    public void An_equals_sign_in_a_measurement_is_an_ordinary_character()
    {
        Single("a=b v=1").Measurement.ShouldBe("a=b");
    }

    [Fact]
    public void Comments_blank_lines_whitespace_and_CRLF_are_skipped()
    {
        var result = Parse("# a comment\r\n\r\n   \r\n  m v=1 1000\r\n\tm v=2 2000\r\n# m v=3\n");

        result.ErrorCount.ShouldBe(0);
        result.Points.Select(p => p.Fields[0].Value.AsDouble()).ShouldBe([1.0, 2.0]);
        result.Points.Select(p => p.Line).ShouldBe([4, 5]);
    }

    [Fact]
    public void Several_spaces_between_the_sections_are_allowed()
    {
        var point = Single("m,t=1   v=1   1000  ");

        point.Fields.ShouldHaveSingleItem().Value.ShouldBe(SampleValue.FromDouble(1));
        point.Timestamp.ShouldBe(DateTime.UnixEpoch.AddTicks(10));
    }

    [Theory]
    [InlineData("", LineProtocolPrecision.Nanoseconds, 1_000_000_000L)]
    [InlineData("n", LineProtocolPrecision.Nanoseconds, 1_000_000_000L)]
    [InlineData("ns", LineProtocolPrecision.Nanoseconds, 1_000_000_000L)]
    [InlineData("u", LineProtocolPrecision.Microseconds, 1_000_000L)]
    [InlineData("us", LineProtocolPrecision.Microseconds, 1_000_000L)]
    [InlineData("ms", LineProtocolPrecision.Milliseconds, 1_000L)]
    [InlineData("s", LineProtocolPrecision.Seconds, 1L)]
    public void Every_precision_scales_the_timestamp(string text, LineProtocolPrecision expected, long oneSecond)
    {
        LineProtocolParser.TryParsePrecision(text, out var precision).ShouldBeTrue();
        precision.ShouldBe(expected);

        var point = Single("m v=1 " + (1_764_063_015L * oneSecond), precision);

        point.Timestamp.ShouldBe(new DateTime(2025, 11, 25, 9, 30, 15, DateTimeKind.Utc));
    }

    [Fact]
    public void Minutes_and_hours_scale_the_timestamp()
    {
        Single("m v=1 29401050", LineProtocolPrecision.Minutes).Timestamp.ShouldBe(new DateTime(2025, 11, 25, 9, 30, 0, DateTimeKind.Utc));
        Single("m v=1 490017", LineProtocolPrecision.Hours).Timestamp.ShouldBe(new DateTime(2025, 11, 25, 9, 0, 0, DateTimeKind.Utc));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("sec")]
    [InlineData("NS")]
    public void An_unknown_precision_is_refused(string text)
    {
        LineProtocolParser.TryParsePrecision(text, out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData(LineProtocolPrecision.Nanoseconds, 2026, 11, 25, 9, 30, 15, 123, 4567)]
    [InlineData(LineProtocolPrecision.Milliseconds, 2026, 11, 25, 9, 30, 15, 123, 0)]
    [InlineData(LineProtocolPrecision.Seconds, 2026, 11, 25, 9, 30, 15, 0, 0)]
    [InlineData(LineProtocolPrecision.Hours, 2026, 11, 25, 9, 0, 0, 0, 0)]
    public void The_receive_time_is_truncated_to_the_precision(LineProtocolPrecision precision, int year, int month, int day, int hour, int minute, int second, int millisecond, int ticks)
    {
        Single("m v=1", precision).Timestamp.ShouldBe(new DateTime(year, month, day, hour, minute, second, millisecond, DateTimeKind.Utc).AddTicks(ticks));
    }

    [Fact]
    public void Negative_timestamps_are_before_1970_and_round_down()
    {
        Single("m v=1 -150").Timestamp.ShouldBe(DateTime.UnixEpoch.AddTicks(-2));
    }

    [Fact]
    public void A_bad_line_is_reported_with_its_number_and_column_and_the_good_lines_are_kept()
    {
        var result = Parse("m v=1 1000\nm v= 2000\nm v=3 3000\nm,host v=4\n");

        result.Points.Select(p => p.Fields[0].Value.AsDouble()).ShouldBe([1.0, 3.0]);
        result.ErrorCount.ShouldBe(2);
        result.Errors[0].ShouldBe(new LineProtocolError(2, 5, "missing field value", "m v= 2000"));
        result.Errors[0].Message.ShouldBe("unable to parse 'm v= 2000': missing field value (line 2, column 5)");
        result.Errors[1].Line.ShouldBe(4);
        result.Errors[1].Column.ShouldBe(7);
        result.Errors[1].Reason.ShouldBe("missing tag value");
    }

    [Theory]
    [InlineData("m", 2, "missing fields")]
    [InlineData("m,t=1", 6, "missing fields")]
    [InlineData("m ", 3, "missing fields")]
    [InlineData(",t=1 v=1", 1, "missing measurement")]
    [InlineData(" ,t=1 v=1", 2, "missing measurement")]
    [InlineData("m,=1 v=1", 3, "missing tag key")]
    [InlineData("m,t= v=1", 5, "missing tag value")]
    [InlineData("m,t v=1", 4, "missing tag value")]
    [InlineData("m,t=a=b v=1", 6, "invalid tag format")]
    [InlineData("m,t=1,t=2 v=1", 2, "duplicate tags")]
    [InlineData("m,a=1,b=2,c=3,d=4,e=5,f=6,g=7,h=8 v=1", 31, "too many tags")]
    [InlineData("m =1", 3, "missing field key")]
    [InlineData("m v", 4, "missing field value")]
    [InlineData("m v=", 5, "missing field value")]
    [InlineData("m v=1,", 7, "missing field key")]
    [InlineData("m v=1,v=2", 7, "duplicate field key 'v'")]
    [InlineData("m v=\"abc", 5, "unbalanced quotes")]
    [InlineData("m v=\"abc\"x", 10, "invalid field format")]
    [InlineData("m v=abc", 5, "invalid boolean")]
    [InlineData("m v=tru", 5, "invalid boolean")]
    [InlineData("m v=NaN", 5, "invalid boolean")]
    [InlineData("m v=1.2.3", 5, "invalid number")]
    [InlineData("m v=+1", 5, "invalid number")]
    [InlineData("m v=1e", 5, "invalid number")]
    [InlineData("m v=-", 5, "invalid number")]
    [InlineData("m v=1e999", 5, "value out of range")]
    [InlineData("m v=1.5i", 5, "invalid integer")]
    [InlineData("m v=-i", 5, "invalid integer")]
    [InlineData("m v=i", 5, "invalid boolean")]
    [InlineData("m v=9223372036854775808i", 5, "value out of range")]
    [InlineData("m v=-1u", 5, "invalid unsigned integer")]
    [InlineData("m v=18446744073709551616u", 5, "value out of range")]
    [InlineData("m v=1 12a", 7, "bad timestamp")]
    [InlineData("m v=1 1 2", 7, "bad timestamp")]
    [InlineData("m v=1 1.5", 7, "bad timestamp")]
    [InlineData("m v=1 99999999999999999999", 7, "bad timestamp")]
    [InlineData("m v=1 9223372036854775807", 7, "time outside range")]
    public void Each_malformed_line_names_the_column_and_the_reason(string line, int column, string reason)
    {
        var result = Parse(line);

        result.Points.ShouldBeEmpty();
        result.ErrorCount.ShouldBe(1);
        var error = result.Errors.ShouldHaveSingleItem();
        error.Line.ShouldBe(1);
        error.Reason.ShouldStartWith(reason);
        error.Column.ShouldBe(column, reason);
        error.Text.ShouldBe(line);
    }

    [Fact]
    public void A_timestamp_beyond_the_range_after_scaling_is_outside_the_range()
    {
        var result = Parse("m v=1 2562048", LineProtocolPrecision.Hours);

        result.Errors.ShouldHaveSingleItem().Reason.ShouldBe("time outside range");
    }

    [Fact]
    public void A_field_key_must_be_a_valid_tag_name()
    {
        var result = Parse("m " + new string('k', 257) + "=1");

        result.Errors.ShouldHaveSingleItem().Reason.ShouldStartWith("invalid field key");
    }

    [Fact]
    public void Invalid_UTF8_is_reported_at_its_column()
    {
        var bytes = Encoding.UTF8.GetBytes("m v=1\nm,t=\u00e9x v=2").Concat(new byte[] { 0x0A, (byte)'m', (byte)' ', (byte)'v', 0xFF, (byte)'=', (byte)'1' }).ToArray();

        var result = LineProtocolParser.Parse(bytes, LineProtocolPrecision.Nanoseconds, Received);

        result.Points.Count.ShouldBe(2);
        result.Points[1].Tags[0].Value.ShouldBe("\u00e9x");
        var error = result.Errors.ShouldHaveSingleItem();
        error.Line.ShouldBe(3);
        error.Column.ShouldBe(4);
        error.Reason.ShouldBe("invalid UTF-8");
    }

    [Fact]
    public void All_bad_lines_are_counted_but_only_the_first_ones_described()
    {
        var body = string.Join('\n', Enumerable.Range(0, 25).Select(i => i % 2 == 0 ? "m v=" : "m v=1"));

        var result = Parse(body);

        result.Points.Count.ShouldBe(12);
        result.ErrorCount.ShouldBe(13);
        result.Errors.Count.ShouldBe(LineProtocolParser.DefaultMaxErrors);
        result.Errors.Select(e => e.Line).ShouldBe([1, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
    }

    [Fact]
    public void A_long_bad_line_is_shortened_in_the_error()
    {
        var error = Parse("m v=" + new string('x', 1000)).Errors.ShouldHaveSingleItem();

        error.Text.Length.ShouldBe(LineProtocolError.MaxTextLength + 3);
        error.Text.ShouldEndWith("...");
    }

    [Fact]
    public void An_empty_body_has_no_points_and_no_errors()
    {
        var result = Parse(string.Empty);

        result.Points.ShouldBeEmpty();
        result.HasErrors.ShouldBeFalse();
    }

    private static LineProtocolParseResult Parse(string text, LineProtocolPrecision precision = LineProtocolPrecision.Nanoseconds) =>
        LineProtocolParser.Parse(Encoding.UTF8.GetBytes(text), precision, Received);

    private static LineProtocolPoint Single(string line, LineProtocolPrecision precision = LineProtocolPrecision.Nanoseconds)
    {
        var result = Parse(line, precision);
        result.Errors.ShouldBeEmpty();
        return result.Points.ShouldHaveSingleItem();
    }
}
