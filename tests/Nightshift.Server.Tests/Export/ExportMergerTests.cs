using Nightshift.Core.Samples;
using Nightshift.Core.Series;
using Nightshift.Server.Export;

namespace Nightshift.Server.Tests.Export;

public sealed class ExportMergerTests
{
    private static readonly DateTime T0 = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pages_without_samples_are_skipped_and_series_merge_in_time_order_with_ties_in_tag_order()
    {
        // Series 1: an empty window, then seconds 0 and 2; series 2: seconds 0, 1 and 3 in pages of one.
        var pages = new Dictionary<(int, DateTime), ExportPage>
        {
            [(1, T0)] = new([], T0.AddMinutes(1)),
            [(1, T0.AddMinutes(1))] = new([Sample(1, 0), Sample(1, 2)], null),
            [(2, T0)] = new([Sample(2, 0)], T0.AddSeconds(0.5)),
            [(2, T0.AddSeconds(0.5))] = new([Sample(2, 1)], T0.AddSeconds(1.5)),
            [(2, T0.AddSeconds(1.5))] = new([Sample(2, 3)], T0.AddSeconds(3.5)),
            [(2, T0.AddSeconds(3.5))] = new([], null),
        };
        var merger = new ExportMerger(
            [new("a/b.one", new SeriesId(1)), new("a/b.two", new SeriesId(2))],
            T0,
            (series, from, _) => Task.FromResult(pages[(series.Value, from)]),
            chunkSize: 2);

        var chunks = new List<ExportRow[]>();
        await foreach (var chunk in merger.ReadAsync(Ct))
        {
            chunks.Add(chunk.ToArray());
        }

        chunks.Select(c => c.Length).ShouldBe([2, 2, 1]);
        chunks.SelectMany(c => c).Select(r => (r.Tag, r.Sample.Timestamp)).ShouldBe(
            [(0, T0), (1, T0), (1, T0.AddSeconds(1)), (0, T0.AddSeconds(2)), (1, T0.AddSeconds(3))]);
    }

    [Fact]
    public async Task No_tags_with_samples_give_no_chunks()
    {
        var merger = new ExportMerger([new("a/b.one", new SeriesId(1))], T0, (_, _, _) => Task.FromResult(new ExportPage([], null)), chunkSize: 10);

        var count = 0;
        await foreach (var unused in merger.ReadAsync(Ct))
        {
            count++;
        }

        count.ShouldBe(0);
    }

    private static Sample Sample(int series, int second) => new(new SeriesId(series), T0.AddSeconds(second), SampleValue.FromDouble(second), Quality.Good);
}
