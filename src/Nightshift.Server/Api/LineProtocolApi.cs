using System.Buffers;
using System.Diagnostics.Metrics;
using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Nightshift.Connectivity.LineProtocol;
using Nightshift.Core.Ingest;
using Nightshift.Server.Identity;
using Nightshift.Server.Ingest;

namespace Nightshift.Server.Api;

/// <summary>
/// The InfluxDB 1.x compatible write API, for Telegraf, InfluxDB client libraries and devices that speak line protocol:
/// <c>POST /write?db=&amp;precision=&amp;rp=&amp;u=&amp;p=</c> with a line protocol body (plain or
/// <c>Content-Encoding: gzip</c>, at most <see cref="MaxBodyBytes"/> after decompression), and <c>GET|HEAD /ping</c>.
/// Points go to the caller's tenant as mapped by <see cref="LineProtocolMapping"/>; <c>db</c> and <c>rp</c> are
/// accepted and ignored. Answers as InfluxDB does: 204 when every line was written; 400 <c>{"error":"partial write:
/// ... dropped=N"}</c> when some lines were bad, after writing the good ones; 401, 403 and 413 with an
/// <c>{"error"}</c> body. A 204 (or a partial-write 400) comes only once the accepted points are in the historian's
/// write-ahead log on disk. Needs the operator role or above (authentication: <see cref="BearerAuthenticationHandler"/>).
/// </summary>
public static partial class LineProtocolApi
{
    public const int MaxBodyBytes = 25 * 1024 * 1024;
    public const string WritePath = "/write";
    public const string PingPath = "/ping";
    public const string VersionHeader = "X-Influxdb-Version";

    /// <summary>The InfluxDB version whose write API this follows, sent in <see cref="VersionHeader"/>.</summary>
    public const string InfluxDbVersion = "1.8.10";

    private const int InitialBufferBytes = 64 * 1024;
    private static readonly Meter Meter = new(IngestMetrics.MeterName);
    private static readonly Counter<long> RejectedLines = Meter.CreateCounter<long>(
        "nightshift.lineprotocol.rejected_lines", "{line}", "Line protocol lines that could not be parsed");

    public static IEndpointRouteBuilder MapLineProtocolApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(WritePath, WriteAsync)
            .RequireAuthorization(policy => policy.RequireRole(Roles.AtLeast(Roles.Operator)))
            .DisableAntiforgery()
            .WithName("LineProtocolWrite")
            .WithSummary("InfluxDB 1.x write: line protocol, optionally gzip; 204 when all lines were written, 400 with the bad lines (the good ones are written).")
            .Produces(StatusCodes.Status204NoContent)
            .Produces<LineProtocolErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<LineProtocolErrorResponse>(StatusCodes.Status413PayloadTooLarge);
        routes.MapMethods(PingPath, [HttpMethods.Get, HttpMethods.Head], Ping)
            .RequireAuthorization()
            .WithName("LineProtocolPing")
            .WithSummary("InfluxDB 1.x ping: 204 with the X-Influxdb-Version header.")
            .Produces(StatusCodes.Status204NoContent);
        return routes;
    }

    private static IResult Ping(HttpContext context)
    {
        context.Response.Headers[VersionHeader] = InfluxDbVersion;
        return Results.NoContent();
    }

    private static async Task<IResult> WriteAsync(HttpContext context, IIngestSink sink, TimeProvider time, ILoggerFactory loggers)
    {
        var ct = context.RequestAborted;
        context.Response.Headers[VersionHeader] = InfluxDbVersion;
        var precisionText = context.Request.Query["precision"].ToString();
        if (!LineProtocolParser.TryParsePrecision(precisionText, out var precision))
        {
            return Error(StatusCodes.Status400BadRequest, "lineprotocol_precision", $"invalid precision '{precisionText}': use n, ns, u, us, ms, s, m or h");
        }

        var encoding = context.Request.Headers.ContentEncoding.ToString();
        var gzip = encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase);
        if (!gzip && encoding.Length > 0 && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            return Error(StatusCodes.Status415UnsupportedMediaType, "lineprotocol_encoding", $"unsupported Content-Encoding '{encoding}': send gzip or none");
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }

        var receivedUtc = time.GetUtcNow().UtcDateTime;
        byte[] buffer;
        int length;
        try
        {
            if (gzip)
            {
                await using var unzipped = new GZipStream(context.Request.Body, CompressionMode.Decompress, leaveOpen: true);
                (buffer, length) = await ReadAllAsync(unzipped, ct);
            }
            else
            {
                (buffer, length) = await ReadAllAsync(context.Request.Body, ct);
            }
        }
        catch (InvalidDataException ex)
        {
            return Error(StatusCodes.Status400BadRequest, "lineprotocol_gzip", "the body is not valid gzip: " + ex.Message);
        }

        LineProtocolParseResult result;
        try
        {
            if (length > MaxBodyBytes)
            {
                return TooLarge();
            }

            result = LineProtocolParser.Parse(buffer.AsSpan(0, length), precision, receivedUtc);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var tenant = context.User.Tenant();
        foreach (var batch in LineProtocolMapping.ToSourceBatches(tenant, result.Points))
        {
            await sink.IngestAsync(batch, ct);
        }

        if (!result.HasErrors)
        {
            return Results.NoContent();
        }

        RejectedLines.Add(result.ErrorCount);
        LogRejected(loggers.CreateLogger(typeof(LineProtocolApi)), tenant, result.ErrorCount, result.Points.Count, result.Errors[0].Message);
        var errors = string.Join('\n', result.Errors.Select(e => e.Message));
        if (result.ErrorCount > result.Errors.Count)
        {
            errors += $"\n(and {result.ErrorCount - result.Errors.Count} more bad lines)";
        }

        var message = result.Points.Count == 0 ? errors : $"partial write: {errors} dropped={result.ErrorCount}";
        IngestMetrics.ApiErrors.Add(1, new KeyValuePair<string, object?>("kind", "lineprotocol_invalid"));
        return Results.Json(
            new LineProtocolErrorResponse(message) { Accepted = result.Points.Count, Dropped = result.ErrorCount, Lines = result.Errors },
            statusCode: StatusCodes.Status400BadRequest);
    }

    /// <summary>
    /// Reads a stream to its end into a pooled buffer that grows as needed, stopping once more than
    /// <see cref="MaxBodyBytes"/> were read. The caller returns the buffer to the pool; on an exception it is returned here.
    /// </summary>
    private static async Task<(byte[] Buffer, int Length)> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
        var length = 0;
        try
        {
            while (length <= MaxBodyBytes)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxBodyBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            return (buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private static IResult TooLarge() =>
        Error(StatusCodes.Status413PayloadTooLarge, "lineprotocol_too_large", $"http: request body too large: at most {MaxBodyBytes} bytes (after decompression)");

    private static IResult Error(int status, string kind, string message)
    {
        IngestMetrics.ApiErrors.Add(1, new KeyValuePair<string, object?>("kind", kind));
        return Results.Json(new LineProtocolErrorResponse(message), statusCode: status);
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "A line protocol write of {Tenant} had {Dropped} bad lines (accepted {Accepted} points); the first: {FirstError}")]
    private static partial void LogRejected(ILogger logger, string tenant, int dropped, int accepted, string firstError);
}
