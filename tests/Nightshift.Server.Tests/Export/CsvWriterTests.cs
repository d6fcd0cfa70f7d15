using System.Text;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;
using Nightshift.Server.Export;

namespace Nightshift.Server.Tests.Export;

public sealed class CsvWriterTests
{
    private static readonly DateTime T0 = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Long_layout_writes_one_row_per_sample_with_iso_utc_times_invariant_numbers_and_rfc4180_quoting()
    {
        ExportTag[] tags = [new("lab/bench/pump.flow", new SeriesId(1)), new("lab/bench/pump.note, \"remark\"", new SeriesId(2))];
        ExportRow[] rows =
        [
            new(0, new Sample(new SeriesId(1), T0.AddTicks(1234560), SampleValue.FromDouble(1234.5), Quality.Good)),
            new(1, new Sample(new SeriesId(2), T0.AddSeconds(1), SampleValue.FromString("says \"hi\", then\r\nleaves"), Quality.Uncertain)),
            new(0, new Sample(new SeriesId(1), T0.AddSeconds(2), SampleValue.FromLong(-42), Quality.Good)),
            new(0, new Sample(new SeriesId(1), T0.AddSeconds(3), SampleValue.FromBool(true), Quality.Good)),
            new(0, new Sample(new SeriesId(1), T0.AddSeconds(4), SampleValue.None, Quality.BadNotConnected)),
            new(0, new Sample(new SeriesId(1), T0.AddSeconds(5), SampleValue.FromDouble(double.NaN), new Quality(0x80AB_0000))),
            new(0, new Sample(new SeriesId(1), T0.AddSeconds(6), SampleValue.FromDouble(0.1 + 0.2), Quality.Good)),
        ];

        var text = await WriteAsync(tags, rows, ExportLayout.Long);

        text.ShouldBe(
            "time,tag,value,quality\r\n"
            + "2026-11-25T08:00:00.123456Z,lab/bench/pump.flow,1234.5,Good\r\n"
            + "2026-11-25T08:00:01.000000Z,\"lab/bench/pump.note, \"\"remark\"\"\",\"says \"\"hi\"\", then\r\nleaves\",Uncertain\r\n"
            + "2026-11-25T08:00:02.000000Z,lab/bench/pump.flow,-42,Good\r\n"
            + "2026-11-25T08:00:03.000000Z,lab/bench/pump.flow,true,Good\r\n"
            + "2026-11-25T08:00:04.000000Z,lab/bench/pump.flow,,BadNotConnected\r\n"
            + "2026-11-25T08:00:05.000000Z,lab/bench/pump.flow,NaN,Bad(0x80AB0000)\r\n"
            + "2026-11-25T08:00:06.000000Z,lab/bench/pump.flow,0.30000000000000004,Good\r\n");
    }

    [Fact]
    public async Task Long_layout_of_no_rows_is_the_header_alone()
    {
        var text = await WriteAsync([new("a/b.c", new SeriesId(1))], [], ExportLayout.Long);

        text.ShouldBe("time,tag,value,quality\r\n");
    }

    [Fact]
    public async Task Long_layout_handles_values_larger_than_its_buffer()
    {
        var big = new string('x', 200_000) + ",\"" + new string('é', 50_000);
        var text = await WriteAsync(
            [new("a/b.c", new SeriesId(1))],
            [new(0, new Sample(new SeriesId(1), T0, SampleValue.FromString(big), Quality.Good))],
            ExportLayout.Long);

        text.ShouldBe("time,tag,value,quality\r\n2026-11-25T08:00:00.000000Z,a/b.c,\"" + big.Replace("\"", "\"\"", StringComparison.Ordinal) + "\",Good\r\n");
    }

    [Fact]
    public async Task Wide_layout_writes_one_row_per_timestamp_with_empty_cells_where_a_tag_has_no_sample()
    {
        ExportTag[] tags = [new("a/b.x", new SeriesId(1)), new("a/b.y", new SeriesId(2)), new("a/b.z,w", new SeriesId(3))];
        ExportRow[] rows =
        [
            new(0, new Sample(new SeriesId(1), T0, SampleValue.FromDouble(1.5), Quality.Good)),
            new(2, new Sample(new SeriesId(3), T0, SampleValue.FromString("on"), Quality.Good)),
            new(1, new Sample(new SeriesId(2), T0.AddSeconds(1), SampleValue.FromLong(7), Quality.Good)),
            new(0, new Sample(new SeriesId(1), T0.AddSeconds(2), SampleValue.FromDouble(2.5), Quality.Good)),
            new(1, new Sample(new SeriesId(2), T0.AddSeconds(2), SampleValue.FromLong(8), Quality.Good)),
        ];

        var text = await WriteAsync(tags, rows, ExportLayout.Wide);

        text.ShouldBe(
            "time,a/b.x,a/b.y,\"a/b.z,w\"\r\n"
            + "2026-11-25T08:00:00.000000Z,1.5,,on\r\n"
            + "2026-11-25T08:00:01.000000Z,,7,\r\n"
            + "2026-11-25T08:00:02.000000Z,2.5,8,\r\n");
    }

    private static async Task<string> WriteAsync(ExportTag[] tags, ExportRow[] rows, ExportLayout layout)
    {
        using var output = new AsyncOnlyStream();
        var request = new ExportRequest("acme", tags, T0, T0.AddHours(1), ExportFormat.Csv, layout);
        await using (var writer = HistoryExporter.CreateWriter(request, output, HistoryExporter.DefaultRowGroupSize))
        {
            // Two chunks, as the merger hands them out.
            await writer.WriteAsync(rows.AsMemory(0, rows.Length / 2), Ct);
            await writer.WriteAsync(rows.AsMemory(rows.Length / 2), Ct);
            await writer.CompleteAsync(Ct);
        }

        var bytes = output.Written.ToArray();
        bytes.Take(3).ShouldNotBe(Encoding.UTF8.GetPreamble(), "no byte order mark");
        return Encoding.UTF8.GetString(bytes);
    }
}
