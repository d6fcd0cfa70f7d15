using Nightshift.EndToEnd.Tests.Support;
using Parquet;

namespace Nightshift.EndToEnd.Tests.Export;

/// <summary>The real <c>nightshift export</c> command against the shared platform, with tags of its own ingested through the API.</summary>
public sealed class ExportCliTests(SharedPlatform platform) : IDisposable
{
    private readonly string _folder = TemporaryDirectory.Create("export");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => TemporaryDirectory.Delete(_folder);

    [Fact]
    public async Task The_export_command_writes_csv_and_parquet_files_that_hold_exactly_what_was_ingested()
    {
        var data = ExportTestData.Create(3_000);
        await data.IngestAsync(platform.Http, Ct);
        var key = await ExportCli.CreateApiKeyAsync(platform, Ct);
        string[] common = ["--url", platform.BaseUrl, "--api-key", key, "--tags", string.Join(',', data.Tags), "--from", ExportTestData.Iso(data.From), "--to", ExportTestData.Iso(data.To)];

        var csvPath = Path.Combine(_folder, "out", "history.csv");
        var csv = await ExportCli.RunAsync([.. common, "--format", "csv", "--out", csvPath], Ct);
        csv.ExitCode.ShouldBe(0, csv.ToString());
        csv.StandardError.ShouldContain("wrote " + csvPath);
        File.Exists(csvPath + ".partial").ShouldBeFalse();
        var lines = (await File.ReadAllTextAsync(csvPath, Ct)).Split("\r\n");
        lines[0].ShouldBe("time,tag,value,quality");
        lines[^1].ShouldBe(string.Empty);
        lines[1..^1].ShouldBe(data.ExpectedCsvLines());

        var parquetPath = Path.Combine(_folder, "history.parquet");
        var parquet = await ExportCli.RunAsync([.. common, "--out", parquetPath], Ct);
        parquet.ExitCode.ShouldBe(0, parquet.ToString());
        await using var reader = await ParquetReader.CreateAsync(parquetPath, null, Ct);
        var fields = reader.Schema.GetDataFields();
        fields.Select(f => f.Name).ShouldBe(["time", "tag", "value", "text", "quality"]);
        var row = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var n = (int)group.RowCount;
            var times = new DateTime[n];
            var tags = new string[n];
            var values = new double?[n];
            var texts = new string?[n];
            var qualities = new uint[n];
            await group.ReadAsync<DateTime>(fields[0], times, null, Ct);
            await group.ReadAsync(fields[1], tags, null, Ct);
            await group.ReadAsync<double>(fields[2], values, null, Ct);
            await group.ReadAsync(fields[3], texts!, null, Ct);
            await group.ReadAsync<uint>(fields[4], qualities, null, Ct);
            for (var i = 0; i < n; i++, row++)
            {
                var expected = data.Samples[row];
                (times[i], tags[i], values[i], texts[i], qualities[i]).ShouldBe((expected.Time, expected.Tag, expected.AsDouble, expected.Text, expected.QualityCode), $"row {row}");
            }
        }

        row.ShouldBe(data.Samples.Count);
    }

    [Fact]
    public async Task An_unknown_tag_exits_with_5_naming_it_and_leaves_no_file()
    {
        var key = await ExportCli.CreateApiKeyAsync(platform, Ct);
        var tag = "nowhere-" + Guid.NewGuid().ToString("N")[..8] + "/bench/pump.flow";
        var path = Path.Combine(_folder, "missing.csv");

        var result = await ExportCli.RunAsync(["--url", platform.BaseUrl, "--api-key", key, "--tags", tag, "--out", path], Ct);

        result.ExitCode.ShouldBe(5, result.ToString());
        result.StandardError.ShouldContain(tag);
        File.Exists(path).ShouldBeFalse();
        File.Exists(path + ".partial").ShouldBeFalse();
    }

    [Fact]
    public async Task A_refused_key_exits_with_4_and_an_unreachable_node_with_3()
    {
        var path = Path.Combine(_folder, "refused.csv");

        var refused = await ExportCli.RunAsync(["--url", platform.BaseUrl, "--api-key", "nsk_not-a-key", "--tags", "a/b.c", "--out", path], Ct);
        refused.ExitCode.ShouldBe(4, refused.ToString());
        refused.StandardError.ShouldContain("401");

        var closed = $"http://127.0.0.1:{FreePort.Next()}";
        var unreachable = await ExportCli.RunAsync(["--url", closed, "--api-key", "nsk_any", "--tags", "a/b.c", "--out", path], Ct);
        unreachable.ExitCode.ShouldBe(3, unreachable.ToString());
        unreachable.StandardError.ShouldContain("connection refused");
        File.Exists(path).ShouldBeFalse();
    }

    [Fact]
    public async Task The_api_key_may_come_from_the_environment_and_a_missing_key_exits_with_2()
    {
        var key = await ExportCli.CreateApiKeyAsync(platform, Ct);
        var tag = "nowhere-" + Guid.NewGuid().ToString("N")[..8] + "/bench/pump.flow";
        var path = Path.Combine(_folder, "nokey.csv");

        // With the key in the environment the node answers (404: the tag is unknown), not 401.
        var fromEnvironment = await ExportCli.RunAsync(["--url", platform.BaseUrl, "--tags", tag, "--out", path], Ct, apiKeyVariable: key);
        fromEnvironment.ExitCode.ShouldBe(5, fromEnvironment.ToString());

        var missing = await ExportCli.RunAsync(["--url", platform.BaseUrl, "--tags", tag, "--out", path], Ct);
        missing.ExitCode.ShouldBe(2, missing.ToString());
        missing.StandardError.ShouldContain("NIGHTSHIFT_API_KEY");
    }
}
