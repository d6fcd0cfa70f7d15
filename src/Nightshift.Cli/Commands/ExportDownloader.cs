using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;

namespace Nightshift.Cli.Commands;

/// <summary>
/// Downloads an export from a node (<c>GET /api/v1/export</c>) into <c>FILE.partial</c>, showing progress, and renames it
/// to <c>FILE</c> when the transfer completed; on any failure the partial file is deleted and a clear message goes to
/// standard error with an <see cref="ExportExitCodes">exit code</see>. Not thread-safe; one download per instance.
/// </summary>
public sealed class ExportDownloader
{
    /// <summary>The suffix of the file being written.</summary>
    public const string PartialSuffix = ".partial";

    private const string FromHeader = "X-Nightshift-Export-From";
    private const string ToHeader = "X-Nightshift-Export-To";

    private readonly HttpMessageHandler _handler;
    private readonly TextWriter _error;
    private readonly ExportProgressBar _progress;

    /// <param name="handler">The HTTP handler (disposed by the caller).</param>
    /// <param name="error">Where messages go (standard error).</param>
    /// <param name="progress">The progress bar.</param>
    public ExportDownloader(HttpMessageHandler handler, TextWriter error, ExportProgressBar progress)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(progress);
        _handler = handler;
        _error = error;
        _progress = progress;
    }

    /// <summary>Runs the download; returns the exit code.</summary>
    public async Task<int> RunAsync(ExportRequestOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var output = Path.GetFullPath(options.OutputPath);
        var partial = output + PartialSuffix;
        using var http = new HttpClient(_handler, disposeHandler: false) { BaseAddress = options.BaseUrl, Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(options.PathAndQuery(), UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        var received = 0L;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return await FailAsync(response, options, cancellationToken);
            }

            var from = ReadTime(response, FromHeader);
            var to = ReadTime(response, ToHeader);
            var csv = string.Equals(options.Format, "csv", StringComparison.OrdinalIgnoreCase);
            var tracker = new ExportCsvTimeTracker();
            var directory = Path.GetDirectoryName(output);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken))
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                var buffer = new byte[64 * 1024];
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    received += read;
                    if (csv)
                    {
                        tracker.Observe(buffer.AsSpan(0, read));
                    }

                    _progress.Report(received, from, to, csv ? tracker.Position : null);
                }

                await file.FlushAsync(cancellationToken);
            }

            _progress.Report(received, from, to, csv ? tracker.Position ?? to : null, force: true);
            _progress.Finish();
            File.Move(partial, output, overwrite: true);
            await _error.WriteLineAsync($"nightshift: wrote {output} ({ExportProgressBar.Size(received)})".AsMemory(), cancellationToken);
            return ExportExitCodes.Success;
        }
        catch (HttpRequestException ex) when (received == 0 && IsUnreachable(ex))
        {
            return await FailAsync(ExportExitCodes.Unreachable, $"cannot reach the node at {options.BaseUrl}: {Reason(ex)}. Is it running, and is --url right?", partial);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return await FailAsync(ExportExitCodes.Cancelled, $"cancelled after {ExportProgressBar.Size(received)}; nothing was written", partial);
        }
        catch (Exception ex) when (ex is HttpRequestException or HttpIOException or IOException)
        {
            return await FailAsync(ExportExitCodes.Failed, $"the export broke off after {ExportProgressBar.Size(received)}: {Reason(ex)}; nothing was written", partial);
        }
    }

    private static bool IsUnreachable(HttpRequestException ex) =>
        ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
        || ex.InnerException is SocketException;

    private static string Reason(Exception ex)
    {
        var inner = ex;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner is SocketException socket ? socket.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connection refused",
            SocketError.HostNotFound or SocketError.NoData => "unknown host",
            SocketError.TimedOut => "timed out",
            _ => socket.Message,
        } : inner.Message;
    }

    private static DateTime? ReadTime(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values)
        && DateTime.TryParse(values.FirstOrDefault(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;

    private async Task<int> FailAsync(HttpResponseMessage response, ExportRequestOptions options, CancellationToken cancellationToken)
    {
        var detail = await ReadDetailAsync(response, cancellationToken);
        var status = (int)response.StatusCode;
        var (code, message) = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => (ExportExitCodes.Unauthorized, $"the node refused the API key (401): check --api-key or {ExportCommand.ApiKeyVariable}"),
            HttpStatusCode.Forbidden => (ExportExitCodes.Unauthorized, "the API key may not export history (403)"),
            HttpStatusCode.NotFound => (ExportExitCodes.NotFound, $"not found (404): {detail ?? options.PathAndQuery()}"),
            HttpStatusCode.BadRequest => (ExportExitCodes.BadRequest, $"the node refused the request (400): {detail}"),
            _ => (ExportExitCodes.Failed, $"the node answered {status} {response.ReasonPhrase}{(detail is null ? string.Empty : ": " + detail)}"),
        };
        return await FailAsync(code, message, partial: null);
    }

    private async Task<int> FailAsync(int code, string message, string? partial)
    {
        _progress.Finish();
        if (partial is not null && File.Exists(partial))
        {
            File.Delete(partial);
        }

        await _error.WriteLineAsync("nightshift: " + message);
        return code;
    }

    private static async Task<string?> ReadDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            using var problem = JsonDocument.Parse(text);
            return problem.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String ? detail.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
