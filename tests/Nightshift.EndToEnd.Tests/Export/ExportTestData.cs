using System.Globalization;
using System.Net.Http.Json;
using Nightshift.EndToEnd.Tests.Support;

namespace Nightshift.EndToEnd.Tests.Export;

/// <summary>
/// Tags of a unique site with samples of every kind (doubles, integers, bools, strings that need quoting, a bad sample
/// without a value), ingested through <c>POST /api/v1/ingest</c>, in the time order an export returns them.
/// </summary>
public sealed class ExportTestData
{
    private ExportTestData(string site, DateTime from, DateTime to, IReadOnlyList<IngestedSample> samples)
    {
        Site = site;
        From = from;
        To = to;
        Samples = samples;
    }

    public string Site { get; }

    /// <summary>The start of the range that holds every sample.</summary>
    public DateTime From { get; }

    /// <summary>The end (exclusive) of that range.</summary>
    public DateTime To { get; }

    /// <summary>The samples, in time order with ties in the order of <see cref="Tags"/>.</summary>
    public IReadOnlyList<IngestedSample> Samples { get; }

    public IReadOnlyList<string> Tags => [$"{Site}/bench/pump-1.flow", $"{Site}/bench/pump-1.starts", $"{Site}/bench/pump-1.mode", $"{Site}/bench/pump-1.running"];

    public static ExportTestData Create(int count)
    {
        var site = "export-" + Guid.NewGuid().ToString("N")[..8];
        var start = DateTime.UtcNow.AddMinutes(-30);
        var from = new DateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, DateTimeKind.Utc);
        var samples = new List<IngestedSample>();
        for (var k = 0; k < count; k++)
        {
            var at = from.AddMilliseconds(k * 250).AddTicks(10 * (k % 1000));
            samples.Add(new($"{site}/bench/pump-1.flow", at, k + 0.25, null, null, null, k % 7 == 0 ? "uncertain" : "good"));
            samples.Add(new($"{site}/bench/pump-1.starts", at, null, k, null, null, "good"));
            if (k % 3 == 0)
            {
                samples.Add(k % 9 == 0
                    ? new($"{site}/bench/pump-1.mode", at.AddTicks(30), null, null, null, null, "bad")
                    : new($"{site}/bench/pump-1.mode", at.AddTicks(30), null, null, null, k % 2 == 0 ? "auto, \"fast\"" : "manual", "good"));
            }

            if (k % 5 == 0)
            {
                samples.Add(new($"{site}/bench/pump-1.running", at.AddTicks(30), null, null, k % 10 == 0, null, "good"));
            }
        }

        return new ExportTestData(site, from, from.AddMilliseconds(count * 250).AddMinutes(1), samples);
    }

    /// <summary>Posts the samples in batches and waits until the history of every tag has all of them.</summary>
    public async Task IngestAsync(HttpClient http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        foreach (var batch in Samples.Chunk(1_000))
        {
            using var response = await http.PostAsJsonAsync("/api/v1/ingest", new { samples = batch.Select(s => s.ToJson()) }, cancellationToken);
            response.EnsureSuccessStatusCode();
        }

        // History is written off the ingest path: wait until a CSV export has every row.
        await Poll.UntilAsync(
            async ct => (await http.GetStringAsync(new Uri(ExportPath("csv"), UriKind.Relative), ct)).Split("\r\n").Length - 2,
            rows => rows == Samples.Count,
            TimeSpan.FromSeconds(30),
            $"all {Samples.Count} ingested samples in the history of {Site}",
            cancellationToken);
    }

    /// <summary>The export route for every tag over the whole range.</summary>
    public string ExportPath(string format) =>
        $"/api/v1/export?tags={Uri.EscapeDataString(string.Join(',', Tags))}&from={Iso(From)}&to={Iso(To)}&format={format}";

    /// <summary>The CSV lines (without the header) an export of every tag should hold.</summary>
    public IReadOnlyList<string> ExpectedCsvLines() => [.. Samples.Select(s =>
    {
        var value = s.Number is { } d ? d.ToString("R", CultureInfo.InvariantCulture)
            : s.Count is { } l ? l.ToString(CultureInfo.InvariantCulture)
            : s.Flag is { } b ? (b ? "true" : "false")
            : s.Text is { } t ? (t.Contains(',', StringComparison.Ordinal) ? "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : t)
            : string.Empty;
        return $"{s.Time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)},{s.Tag},{value},{s.QualityName}";
    })];

    public static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
