using Nightshift.Connectivity.Sparkplug;

namespace Nightshift.Connectivity.Tests.Support;

/// <summary>Records what the host application publishes (the transport seam of its unit tests). Thread-safe.</summary>
public sealed class RecordingPublisher : ISparkplugPublisher
{
    private readonly Lock _gate = new();
    private readonly List<(string? Tenant, string Topic, byte[] Payload, bool Retain)> _messages = [];

    public IReadOnlyList<(string? Tenant, string Topic, byte[] Payload, bool Retain)> Messages
    {
        get
        {
            lock (_gate)
            {
                return _messages.ToArray();
            }
        }
    }

    public ValueTask PublishAsync(string? tenant, string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _messages.Add((tenant, topic, payload.ToArray(), retain));
        }

        return ValueTask.CompletedTask;
    }
}
