using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Nightshift.Server.Tests.Notifications;

/// <summary>
/// A real HTTP receiver for webhooks: Kestrel on a free loopback port, recording every POST to <c>/hook</c> (body bytes and
/// the Nightshift headers) and answering with the next status of <see cref="Answers"/> (200 when none is queued).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();

    private WebhookReceiver(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The URL to register.</summary>
    public string Url { get; }

    /// <summary>The statuses to answer, in order; 200 once empty.</summary>
    public ConcurrentQueue<int> Answers { get; } = new();

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public static async Task<WebhookReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, $"http://127.0.0.1:{port}/hook");
        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var headers = context.Request.Headers;
            var status = receiver.Answers.TryDequeue(out var next) ? next : StatusCodes.Status200OK;
            receiver._received.Enqueue(new ReceivedWebhook(
                context.Request.QueryString.Value ?? string.Empty,
                body.ToArray(),
                headers["X-Nightshift-Signature"].ToString(),
                headers["X-Nightshift-Delivery"].ToString(),
                headers["X-Nightshift-Event"].ToString(),
                headers["X-Nightshift-Timestamp"].ToString(),
                headers.ContentType.ToString(),
                status));
            return Results.StatusCode(status);
        });
        await app.StartAsync(cancellationToken);
        return receiver;
    }

    /// <summary>Waits until <paramref name="count"/> requests arrived (polled, with a deadline).</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(int count, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (_received.Count < count)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"the receiver got {_received.Count} of {count} requests");
            await Task.Delay(10, cancellationToken);
        }

        return Received;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
