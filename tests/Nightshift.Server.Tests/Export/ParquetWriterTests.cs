using Nightshift.Core.Samples;
using Nightshift.Core.Series;
using Nightshift.Server.Export;
using Parquet;

namespace Nightshift.Server.Tests.Export;

public sealed class ParquetWriterTests
{
    private static readonly DateTime T0 = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Long_layout_reads_back_with_every_value_in_row_groups_of_the_given_size_on_a_forward_only_stream()
    {
        ExportTag[] tags = [new("lab/bench/pump.flow", new SeriesId(1)), new("lab/bench/pump.mode", new SeriesId(2))];
        ExportRow[] rows =
        [
            new(0, new Sample(new SeriesId(1), T0.AddTicks(1234560), SampleValue.FromDouble(1234.5), Quality.Good)),
            new(1, new Sample(new SeriesId(2), T0.AddSeconds(1), SampleValue.FromString("auto, \"fast\""), Quality.Uncertain)),
            new(0, new Sample(new SeriesId(1), T0.AddSeconds(2), SampleValue.FromLong(-42), Quality.Good)),
            new(0, new Sample(new SeriesId(1), T0.AddSeconds(3), SampleValue.FromBool(true), Quality.Good)),
            new(0, new Sample(new SeriesId(1), T0.AddSeconds(4), SampleValue.None, Quality.BadNotConnected)),
            new(0, new Sample(new SeriesId(1), T0.AddSeconds(5), SampleValue.FromDouble(double.NaN), new Quality(0x80AB_0000))),
            new(1, new Sample(new SeriesId(2), T0.AddSeconds(6), SampleValue.FromString(string.Empty), Quality.Good)),
            new(0, new Sample(new SeriesId(1), T0.AddSeconds(7), SampleValue.FromDouble(-0.125), Quality.Good)),
        ];

        using var output = new AsyncOnlyStream();
        var request = new ExportRequest("acme", tags, T0, T0.AddHours(1), ExportFormat.Parquet, ExportLayout.Long);
        await using (var writer = HistoryExporter.CreateWriter(request, output, rowGroupSize: 3))
        {
            await writer.WriteAsync(rows.AsMemory(0, 5), Ct);
            await writer.WriteAsync(rows.AsMemory(5), Ct);
            await writer.CompleteAsync(Ct);
            writer.Rows.ShouldBe(rows.Length);
        }

        using var file = output.Copy();
        var (read, groups) = await ParquetRows.ReadLongAsync(file, Ct);
        groups.ShouldBe(3);
        read.Count.ShouldBe(rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            var expected = rows[i].Sample;
            read[i].Time.ShouldBe(expected.Timestamp);
            read[i].Time.Kind.ShouldBe(DateTimeKind.Utc);
            read[i].Tag.ShouldBe(tags[rows[i].Tag].Name);
            read[i].Quality.ShouldBe(expected.Quality.Code);
            read[i].Text.ShouldBe(expected.Value.AsString());
            if (expected.Value.IsNumeric)
            {
                read[i].Value.ShouldNotBeNull().ShouldBe(expected.Value.AsDouble());
            }
            else
            {
                read[i].Value.ShouldBeNull();
            }
        }

        file.Position = 0;
        var time = await ParquetRows.TimeFieldAsync(file, Ct);
        time.IsAdjustedToUTC.ShouldBeTrue();
        time.Unit.ShouldBe(Parquet.Schema.DateTimeTimeUnit.Micros);
    }

    [Fact]
    public async Task Long_layout_dictionary_encodes_the_tag_column()
    {
        ExportTag[] tags = [new("a/b.x", new SeriesId(1)), new("a/b.y", new SeriesId(2))];
        var rows = Enumerable.Range(0, 1000).Select(i => new ExportRow(i % 2, new Sample(new SeriesId(1 + (i % 2)), T0.AddSeconds(i), SampleValue.FromDouble(i), Quality.Good))).ToArray();
        using var output = new AsyncOnlyStream();
        var request = new ExportRequest("acme", tags, T0, T0.AddHours(1), ExportFormat.Parquet, ExportLayout.Long);
        await using (var writer = HistoryExporter.CreateWriter(request, output, HistoryExporter.DefaultRowGroupSize))
        {
            await writer.WriteAsync(rows, Ct);
            await writer.CompleteAsync(Ct);
        }

        using var file = output.Copy();
        await using var reader = await ParquetReader.CreateAsync(file, null, leaveStreamOpen: true, Ct);
        using var group = reader.OpenRowGroupReader(0);
        var encodings = group.GetMetadata(reader.Schema.GetDataFields()[1])!.MetaData!.Encodings.Select(e => e.ToString());
        encodings.ShouldContain(e => e.Contains("DICTIONARY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Long_layout_of_no_rows_is_a_valid_file_without_rows()
    {
        using var output = new AsyncOnlyStream();
        var request = new ExportRequest("acme", [new("a/b.c", new SeriesId(1))], T0, T0.AddHours(1), ExportFormat.Parquet, ExportLayout.Long);
        await using (var writer = HistoryExporter.CreateWriter(request, output, HistoryExporter.DefaultRowGroupSize))
        {
            await writer.CompleteAsync(Ct);
        }

        using var file = output.Copy();
        var (read, _) = await ParquetRows.ReadLongAsync(file, Ct);
        read.ShouldBeEmpty();
    }

    [Fact]
    public async Task Wide_layout_has_a_nullable_double_column_per_tag_and_one_row_per_timestamp()
    {
        ExportTag[] tags = [new("a/b.x", new SeriesId(1)), new("a/b.y", new SeriesId(2))];
        ExportRow[] rows =
        [
            new(0, new Sample(new SeriesId(1), T0, SampleValue.FromDouble(1.5), Quality.Good)),
            new(1, new Sample(new SeriesId(2), T0, SampleValue.FromLong(3), Quality.Good)),
            new(1, new Sample(new SeriesId(2), T0.AddSeconds(1), SampleValue.FromString("text is not a number"), Quality.Good)),
            new(0, new Sample(new SeriesId(1), T0.AddSeconds(2), SampleValue.FromBool(true), Quality.Good)),
        ];
        using var output = new AsyncOnlyStream();
        var request = new ExportRequest("acme", tags, T0, T0.AddHours(1), ExportFormat.Parquet, ExportLayout.Wide);
        await using (var writer = HistoryExporter.CreateWriter(request, output, rowGroupSize: 2))
        {
            await writer.WriteAsync(rows.AsMemory(0, 1), Ct);
            await writer.WriteAsync(rows.AsMemory(1), Ct);
            await writer.CompleteAsync(Ct);
            writer.Rows.ShouldBe(3);
        }

        using var file = output.Copy();
        await using var reader = await ParquetReader.CreateAsync(file, null, leaveStreamOpen: true, Ct);
        var fields = reader.Schema.GetDataFields();
        fields.Select(f => f.Name).ShouldBe(["time", "a/b.x", "a/b.y"]);
        var times = new List<DateTime>();
        var x = new List<double?>();
        var y = new List<double?>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var n = (int)group.RowCount;
            var t = new DateTime[n];
            var a = new double?[n];
            var b = new double?[n];
            await group.ReadAsync<DateTime>(fields[0], t, null, Ct);
            await group.ReadAsync<double>(fields[1], a, null, Ct);
            await group.ReadAsync<double>(fields[2], b, null, Ct);
            times.AddRange(t);
            x.AddRange(a);
            y.AddRange(b);
        }

        times.ShouldBe([T0, T0.AddSeconds(1), T0.AddSeconds(2)]);
        x.ShouldBe([1.5, null, 1.0]);
        y.ShouldBe([3.0, null, null]);
    }
}
