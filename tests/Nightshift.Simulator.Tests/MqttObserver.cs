using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;
using Nightshift.Connectivity.Sparkplug;

namespace Nightshift.Simulator.Tests;

/// <summary>
/// A plain MQTTnet client on the test broker that plays the Sparkplug primary host's part the edge nodes wait
/// for (a retained STATE online) and records every Sparkplug message of the virtual plant's group.
/// </summary>
internal sealed class MqttObserver : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentQueue<(string Topic, SparkplugPayload Payload)> _messages = new();

    public IReadOnlyList<(string Topic, SparkplugPayload Payload)> Messages => [.. _messages];

    public async Task ConnectAsync(int port, string hostId, CancellationToken ct)
    {
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var topic = e.ApplicationMessage.Topic;
            if (!topic.StartsWith("spBv1.0/STATE/", StringComparison.Ordinal))
            {
                _messages.Enqueue((topic, SparkplugPayloadCodec.Decode(e.ApplicationMessage.Payload.ToArray())));
            }

            return Task.CompletedTask;
        };
        await _client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("observer").Build(), ct);
        await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("spBv1.0/VirtualPlant/#", MqttQualityOfServiceLevel.AtLeastOnce).Build(), ct);
        var state = new MqttApplicationMessageBuilder()
            .WithTopic($"spBv1.0/STATE/{hostId}")
            .WithPayload(Encoding.UTF8.GetBytes("{\"online\":true,\"timestamp\":1700000000000}"))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag()
            .Build();
        await _client.PublishAsync(state, ct);
    }

    public IReadOnlyList<(string Topic, SparkplugPayload Payload)> Of(string messageType) =>
        Messages.Where(m => m.Topic.Split('/')[2] == messageType).ToList();

    /// <summary>Polls until <paramref name="condition"/> holds or the deadline passes.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
