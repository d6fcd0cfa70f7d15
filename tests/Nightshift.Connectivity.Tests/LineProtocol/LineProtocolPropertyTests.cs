using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Nightshift.Connectivity.LineProtocol;
using Nightshift.Core.Samples;

namespace Nightshift.Connectivity.Tests.LineProtocol;

public sealed class LineProtocolPropertyTests
{
    private static readonly DateTime Received = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);

    // Characters that names may hold: letters, digits, the ones that need escaping, and a few more. No backslash (line
    // protocol cannot write one before an escaped character), no newline, no control characters.
    private const string NameCharacters = "abcXYZ019 ,=_-./:\"'#é温";

    [Fact]
    public void Formatted_points_parse_back_to_the_same_points()
    {
        Prop.ForAll(Points().ToArbitrary(), points =>
        {
            var text = string.Join('\n', points.Select(LineProtocolFormatter.Format));
            var result = LineProtocolParser.Parse(Encoding.UTF8.GetBytes(text), LineProtocolPrecision.Nanoseconds, Received);

            result.Errors.ShouldBeEmpty(text);
            result.Points.Count.ShouldBe(points.Length, text);
            for (var i = 0; i < points.Length; i++)
            {
                var expected = points[i];
                var actual = result.Points[i];
                actual.Measurement.ShouldBe(expected.Measurement, text);
                actual.Tags.ShouldBe(expected.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).ToArray(), text);
                actual.Fields.ShouldBe(expected.Fields, text);
                actual.Timestamp.ShouldBe(expected.Timestamp, text);
            }

            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void Any_bytes_parse_into_points_and_errors_without_throwing()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes =>
        {
            var result = LineProtocolParser.Parse(bytes, LineProtocolPrecision.Nanoseconds, Received);
            return result.ErrorCount >= result.Errors.Count && result.Points.All(p => p.Fields.Count > 0);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }

    [Fact]
    public void Any_text_of_line_protocol_characters_parses_without_throwing()
    {
        var alphabet = "abc019 ,=\"\\\n\r\t#.-+eEiutTfF".ToCharArray();
        var texts = Gen.ArrayOf(Gen.Elements(alphabet)).Select(chars => new string(chars));
        Prop.ForAll(texts.ToArbitrary(), text =>
        {
            var result = LineProtocolParser.Parse(Encoding.UTF8.GetBytes(text), LineProtocolPrecision.Seconds, Received);
            return result.ErrorCount >= result.Errors.Count && result.Errors.All(e => e.Line >= 1 && e.Column >= 1);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Fact]
    public void Mutated_valid_bodies_parse_without_throwing()
    {
        var valid = Encoding.UTF8.GetBytes("cpu,host=web\\ 1,region=eu usage=0.5,count=3i,big=7u,ok=T,mode=\"a \\\"b\\\" c\" 1764063015000000000\r\n# note\nmem free=1e3\n");
        Prop.ForAll(ArbMap.Default.ArbFor<(PositiveInt Position, byte Replacement)[]>(), changes =>
        {
            var bytes = (byte[])valid.Clone();
            foreach (var (position, replacement) in changes)
            {
                bytes[position.Get % bytes.Length] = replacement;
            }

            var result = LineProtocolParser.Parse(bytes, LineProtocolPrecision.Nanoseconds, Received);
            return result.Points.Count + result.ErrorCount >= 1 || changes.Length > 0;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    private static Gen<LineProtocolPoint[]> Points() =>
        Gen.Choose(1, 5).SelectMany(count => Gen.ArrayOf(Point(), count));

    private static Gen<LineProtocolPoint> Point() =>
        from measurement in Name().Where(n => n[0] != '#' && n[0] != ' ')
        from tagKeys in Gen.Choose(0, LineProtocolParser.MaxTags).SelectMany(n => Gen.ArrayOf(Name(), n))
        from tagValues in Gen.ArrayOf(Name(), tagKeys.Length)
        from fieldKeys in Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(Name(), n))
        from values in Gen.ArrayOf(Field(), fieldKeys.Length)
        from nanoseconds in Gen.Choose(-1_000_000, 1_000_000).Select(n => n * 1_000_000_000_000L)
        let tags = tagKeys.Distinct(StringComparer.Ordinal).Select((k, i) => new LineProtocolTag(k, tagValues[i])).ToArray()
        let fields = fieldKeys.Distinct(StringComparer.Ordinal).Select((k, i) => values[i] with { Key = k }).ToArray()
        select new LineProtocolPoint(measurement, tags, fields, DateTime.UnixEpoch.AddTicks(nanoseconds / 100));

    private static Gen<string> Name() =>
        Gen.Choose(1, 12).SelectMany(n => Gen.ArrayOf(Gen.Elements(NameCharacters.ToCharArray()), n)).Select(c => new string(c));

    private static Gen<LineProtocolField> Field() => Gen.OneOf(
        ArbMap.Default.GeneratorFor<NormalFloat>().Select(f => new LineProtocolField(string.Empty, LineProtocolFieldType.Float, SampleValue.FromDouble(f.Get))),
        ArbMap.Default.GeneratorFor<long>().Select(l => new LineProtocolField(string.Empty, LineProtocolFieldType.Integer, SampleValue.FromLong(l))),
        ArbMap.Default.GeneratorFor<long>().Select(l => new LineProtocolField(string.Empty, LineProtocolFieldType.Unsigned, SampleValue.FromLong(l & long.MaxValue))),
        ArbMap.Default.GeneratorFor<bool>().Select(b => new LineProtocolField(string.Empty, LineProtocolFieldType.Boolean, SampleValue.FromBool(b))),
        ArbMap.Default.GeneratorFor<string>().Select(s => new LineProtocolField(string.Empty, LineProtocolFieldType.String, SampleValue.FromString(Printable(s)))));

    private static string Printable(string? text) =>
        new((text ?? string.Empty).Where(c => !char.IsSurrogate(c)).ToArray());
}
