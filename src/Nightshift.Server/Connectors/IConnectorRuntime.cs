using Nightshift.Core.Samples;

namespace Nightshift.Server.Connectors;

/// <summary>
/// One running connector of any kind (<see cref="ConnectorRuntime"/> for Modbus, <see cref="OpcUaConnectorRuntime"/> for
/// OPC UA). Start and stop are called by <see cref="ConnectorManager"/> one at a time; <see cref="Status"/> and
/// <see cref="TryWriteAsync"/> are thread-safe.
/// </summary>
public interface IConnectorRuntime : IAsyncDisposable
{
    /// <summary>The checked settings the connector runs with.</summary>
    ConnectorSettings Settings { get; }

    /// <summary>True between <see cref="Start"/> and <see cref="StopAsync"/>.</summary>
    bool IsRunning { get; }

    /// <summary>The connector's state and counters now.</summary>
    ConnectorStatus Status { get; }

    /// <summary>Connects and starts reading; does nothing when running.</summary>
    void Start();

    /// <summary>Stops reading, closes the connection and marks the connector's sources offline.</summary>
    /// <exception cref="OperationCanceledException">The caller cancelled while the sources were being marked.</exception>
    Task StopAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Writes a value to the point this connector reads as <paramref name="tag"/> of <paramref name="source"/> and reads
    /// it back (the read-back value goes to the sink like any other); false when the connector reads no such point.
    /// </summary>
    /// <exception cref="InvalidOperationException">The connector is stopped or not connected, or the device refused the write (the message says why).</exception>
    /// <exception cref="ArgumentException">The point is read-only or the value does not fit it.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    Task<bool> TryWriteAsync(string source, string tag, SampleValue value, CancellationToken cancellationToken);
}
