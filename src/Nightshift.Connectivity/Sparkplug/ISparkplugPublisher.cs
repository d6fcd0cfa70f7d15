namespace Nightshift.Connectivity.Sparkplug;

/// <summary>
/// How the Sparkplug host application sends MQTT messages (STATE, NCMD, DCMD): implemented by the embedded broker,
/// or by a client of an external broker. Implementations are thread-safe.
/// </summary>
public interface ISparkplugPublisher
{
    /// <summary>
    /// Publishes <paramref name="payload"/> on <paramref name="topic"/> (QoS 1), retained if asked. A message for one
    /// tenant's devices (NCMD, DCMD) names that <paramref name="tenant"/> and reaches only its clients; null (STATE)
    /// reaches every client.
    /// </summary>
    ValueTask PublishAsync(string? tenant, string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken);
}
