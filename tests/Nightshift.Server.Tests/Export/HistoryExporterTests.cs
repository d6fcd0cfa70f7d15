using System.Globalization;
using System.Text;
using Nightshift.Core.Samples;
using Nightshift.Server.Export;

namespace Nightshift.Server.Tests.Export;

/// <summary>Exports read from a real embedded historian, page by page.</summary>
public sealed class HistoryExporterTests : IAsyncLifetime
{
    private static readonly DateTime T0 = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);
    private ExportHistorian _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _store = await ExportHistorian.OpenAsync(Ct);

    public async ValueTask DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task A_large_export_read_in_many_pages_holds_every_sample_once_in_time_order_as_csv_and_parquet()
    {
        var tags = new[] { _store.Tag("lab/bench/pump-1.flow"), _store.Tag("lab/bench/pump-2.flow"), _store.Tag("lab/bench/pump-2.mode") };
        var samples = new List<(int Tag, Sample Sample)>();
        for (var k = 0; k < 2_500; k++)
        {
            // Pumps 1 and 2 share timestamps (ties go in tag order); the mode comes 250 ms later.
            var at = T0.AddSeconds(k).AddTicks(k * 70);
            samples.Add((0, new Sample(tags[0].Series, at, SampleValue.FromDouble(k * 0.5), Quality.Good)));
            samples.Add((1, new Sample(tags[1].Series, at, SampleValue.FromLong(k), k % 10 == 0 ? Quality.Uncertain : Quality.Good)));
            samples.Add((2, new Sample(tags[2].Series, at.AddMilliseconds(250), SampleValue.FromString(k % 2 == 0 ? "auto" : "manual, \"slow\""), Quality.Good)));
        }

        await _store.WriteAsync([.. samples.Select(s => s.Sample)], Ct);
        var exporter = new HistoryExporter(_store.Historian, pageSize: 97, rowGroupSize: 1_000);
        var request = new ExportRequest(ExportHistorian.Tenant, tags, T0, T0.AddHours(1), ExportFormat.Csv, ExportLayout.Long);

        using var csv = new AsyncOnlyStream();
        var summary = await exporter.ExportAsync(request, csv, Ct);
        summary.Samples.ShouldBe(7_500);
        summary.Rows.ShouldBe(7_500);
        summary.Bytes.ShouldBe(csv.Written.Length);
        var lines = Encoding.UTF8.GetString(csv.Written.ToArray()).Split("\r\n");
        lines[0].ShouldBe("time,tag,value,quality");
        lines[^1].ShouldBe(string.Empty);
        var body = lines[1..^1];
        body.Length.ShouldBe(samples.Count);
        for (var i = 0; i < body.Length; i++)
        {
            var (tag, sample) = samples[i];
            var value = sample.Value.AsString() is { } text && text.Contains(',', StringComparison.Ordinal)
                ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
                : sample.Value.ToString();
            body[i].ShouldBe($"{sample.Timestamp.ToString(Utf8CsvBuffer.TimeFormat, CultureInfo.InvariantCulture)},{tags[tag].Name},{value},{sample.Quality}");
        }

        using var parquet = new AsyncOnlyStream();
        var parquetSummary = await exporter.ExportAsync(request with { Format = ExportFormat.Parquet }, parquet, Ct);
        parquetSummary.Samples.ShouldBe(7_500);
        using var file = parquet.Copy();
        var (rows, groups) = await ParquetRows.ReadLongAsync(file, Ct);
        groups.ShouldBe(8);
        rows.Count.ShouldBe(samples.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var (tag, sample) = samples[i];
            rows[i].ShouldBe(new ParquetRow(
                sample.Timestamp, tags[tag].Name, sample.Value.IsNumeric ? sample.Value.AsDouble() : null, sample.Value.AsString(), sample.Quality.Code));
        }
    }

    [Fact]
    public async Task The_range_is_half_open_and_other_series_are_left_out()
    {
        var wanted = _store.Tag("lab/bench/pump-1.flow");
        var other = _store.Tag("lab/bench/pump-1.power");
        await _store.WriteAsync(
            [
                new(wanted.Series, T0.AddTicks(-10), SampleValue.FromDouble(1), Quality.Good),
                new(wanted.Series, T0, SampleValue.FromDouble(2), Quality.Good),
                new(other.Series, T0.AddSeconds(1), SampleValue.FromDouble(99), Quality.Good),
                new(wanted.Series, T0.AddMinutes(1).AddTicks(-10), SampleValue.FromDouble(3), Quality.Good),
                new(wanted.Series, T0.AddMinutes(1), SampleValue.FromDouble(4), Quality.Good),
            ],
            Ct);

        var text = await ExportCsvAsync(new ExportRequest(ExportHistorian.Tenant, [wanted], T0, T0.AddMinutes(1), ExportFormat.Csv, ExportLayout.Long));

        text.ShouldBe(
            "time,tag,value,quality\r\n"
            + "2026-11-25T08:00:00.000000Z,lab/bench/pump-1.flow,2,Good\r\n"
            + "2026-11-25T08:00:59.999999Z,lab/bench/pump-1.flow,3,Good\r\n");
    }

    [Fact]
    public async Task An_empty_range_gives_the_csv_header_and_a_parquet_file_without_rows()
    {
        var tag = _store.Tag("lab/bench/pump-1.flow");
        await _store.WriteAsync([new(tag.Series, T0.AddDays(-1), SampleValue.FromDouble(1), Quality.Good)], Ct);
        var request = new ExportRequest(ExportHistorian.Tenant, [tag], T0, T0.AddHours(1), ExportFormat.Csv, ExportLayout.Long);

        (await ExportCsvAsync(request)).ShouldBe("time,tag,value,quality\r\n");

        using var parquet = new AsyncOnlyStream();
        var summary = await new HistoryExporter(_store.Historian).ExportAsync(request with { Format = ExportFormat.Parquet }, parquet, Ct);
        summary.Samples.ShouldBe(0);
        using var file = parquet.Copy();
        (await ParquetRows.ReadLongAsync(file, Ct)).Rows.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_interval_export_has_the_average_of_each_bucket_read_in_windows()
    {
        var tag = _store.Tag("lab/bench/pump-1.flow");
        var samples = Enumerable.Range(0, 600).Select(i => new Sample(tag.Series, T0.AddSeconds(i), SampleValue.FromDouble(i), Quality.Good)).ToList();
        samples.Add(new Sample(tag.Series, T0.AddSeconds(30.5), SampleValue.FromDouble(1e6), Quality.Bad));
        await _store.WriteAsync(samples, Ct);
        var exporter = new HistoryExporter(_store.Historian, pageSize: 3, rowGroupSize: 1_000);
        var request = new ExportRequest(ExportHistorian.Tenant, [tag], T0, T0.AddMinutes(10), ExportFormat.Csv, ExportLayout.Long) { Interval = TimeSpan.FromMinutes(1) };

        using var output = new AsyncOnlyStream();
        await exporter.ExportAsync(request, output, Ct);

        var lines = Encoding.UTF8.GetString(output.Written.ToArray()).Split("\r\n")[1..^1];
        lines.Length.ShouldBe(10);
        for (var m = 0; m < 10; m++)
        {
            // Seconds 60m .. 60m+59 average to 60m + 29.5; the Bad sample is left out.
            lines[m].ShouldBe(string.Create(CultureInfo.InvariantCulture, $"{T0.AddMinutes(m).ToString(Utf8CsvBuffer.TimeFormat, CultureInfo.InvariantCulture)},lab/bench/pump-1.flow,{(60 * m) + 29.5},Good"));
        }
    }

    [Fact]
    public async Task A_wide_export_aligns_tags_on_their_timestamps()
    {
        var a = _store.Tag("lab/bench/pump-1.flow");
        var b = _store.Tag("lab/bench/pump-1.speed");
        await _store.WriteAsync(
            [
                new(a.Series, T0, SampleValue.FromDouble(1), Quality.Good),
                new(b.Series, T0, SampleValue.FromDouble(10), Quality.Good),
                new(b.Series, T0.AddSeconds(1), SampleValue.FromDouble(11), Quality.Good),
                new(a.Series, T0.AddSeconds(2), SampleValue.FromDouble(2), Quality.Good),
            ],
            Ct);

        var text = await ExportCsvAsync(new ExportRequest(ExportHistorian.Tenant, [a, b], T0, T0.AddMinutes(1), ExportFormat.Csv, ExportLayout.Wide));

        text.ShouldBe(
            "time,lab/bench/pump-1.flow,lab/bench/pump-1.speed\r\n"
            + "2026-11-25T08:00:00.000000Z,1,10\r\n"
            + "2026-11-25T08:00:01.000000Z,,11\r\n"
            + "2026-11-25T08:00:02.000000Z,2,\r\n");
    }

    private async Task<string> ExportCsvAsync(ExportRequest request)
    {
        using var output = new AsyncOnlyStream();
        await new HistoryExporter(_store.Historian, pageSize: 1, rowGroupSize: 10).ExportAsync(request, output, Ct);
        return Encoding.UTF8.GetString(output.Written.ToArray());
    }
}
