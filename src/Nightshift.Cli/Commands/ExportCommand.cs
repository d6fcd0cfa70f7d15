using System.CommandLine;

namespace Nightshift.Cli.Commands;

/// <summary>
/// <c>nightshift export</c>: the history of tags from a running node (<c>GET /api/v1/export</c>) into a CSV or Parquet
/// file, with a progress bar on standard error (when it is a terminal). The file appears only when complete: it is
/// written as <c>FILE.partial</c> and renamed. Exit codes: <see cref="ExportExitCodes"/>.
/// </summary>
public static class ExportCommand
{
    /// <summary>The environment variable with the API key when <c>--api-key</c> is not given.</summary>
    public const string ApiKeyVariable = "NIGHTSHIFT_API_KEY";

    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "The node's URL.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var apiKey = new Option<string?>("--api-key") { Description = $"An API key (nsk_...) or token of the tenant; default: ${ApiKeyVariable}." };
        var tags = new Option<string[]>("--tags") { Description = "Tag paths, comma-separated or repeated (site/area/line/cell/equipment.tag).", Required = true, AllowMultipleArgumentsPerToken = true };
        var from = new Option<string?>("--from") { Description = "Start, ISO 8601 with a zone (e.g. 2026-11-25T08:00:00Z); default an hour before --to." };
        var to = new Option<string?>("--to") { Description = "End (exclusive), ISO 8601 with a zone; default now." };
        var format = new Option<string?>("--format") { Description = "csv or parquet; default from the extension of --out, else csv." };
        format.AcceptOnlyFromAmong("csv", "parquet");
        var layout = new Option<string>("--layout") { Description = "long (time,tag,value,quality) or wide (a column per tag).", DefaultValueFactory = _ => "long" };
        layout.AcceptOnlyFromAmong("long", "wide");
        var interval = new Option<string?>("--interval") { Description = "Average per bucket of this width (e.g. 1m, 15m, 1h) instead of raw samples." };
        var output = new Option<string>("--out") { Description = "The file to write (written as FILE.partial, renamed when complete).", Required = true };
        var command = new Command("export", "Export the history of tags from a running node to a CSV or Parquet file.")
        {
            url, apiKey, tags, from, to, format, layout, interval, output,
        };
        command.SetAction(async (result, ct) =>
        {
            var key = result.GetValue(apiKey) ?? Environment.GetEnvironmentVariable(ApiKeyVariable);
            if (string.IsNullOrWhiteSpace(key))
            {
                await Console.Error.WriteLineAsync($"nightshift: an API key is needed: --api-key KEY or ${ApiKeyVariable}".AsMemory(), ct);
                return ExportExitCodes.BadRequest;
            }

            if (!Uri.TryCreate(result.GetValue(url), UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
            {
                await Console.Error.WriteLineAsync($"nightshift: --url must be an http or https URL, not '{result.GetValue(url)}'".AsMemory(), ct);
                return ExportExitCodes.BadRequest;
            }

            var path = result.GetValue(output)!;
            var options = new ExportRequestOptions(
                baseUrl,
                key.Trim(),
                [.. (result.GetValue(tags) ?? []).SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
                path)
            {
                From = result.GetValue(from),
                To = result.GetValue(to),
                Format = result.GetValue(format) ?? (path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? "parquet" : "csv"),
                Layout = result.GetValue(layout)!,
                Interval = result.GetValue(interval),
            };
            using var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) };
            var progress = new ExportProgressBar(Console.Error, enabled: !Console.IsErrorRedirected, TimeProvider.System);
            return await new ExportDownloader(handler, Console.Error, progress).RunAsync(options, ct);
        });
        return command;
    }
}
