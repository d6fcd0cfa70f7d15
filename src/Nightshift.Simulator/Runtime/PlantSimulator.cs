using Microsoft.Extensions.Logging;
using Nightshift.Connectivity.Sparkplug;
using Nightshift.Core.Assets;
using Nightshift.Core.Samples;
using Nightshift.Simulator.Model;

namespace Nightshift.Simulator.Runtime;

/// <summary>
/// Runs the <see cref="VirtualPlant"/> against an MQTT broker as real edge gateways would: one Sparkplug B edge node
/// per line or utility (group <c>VirtualPlant</c>), each device with its DBIRTH. On a periodic timer of the injected
/// <see cref="TimeProvider"/> it advances the plant by <see cref="PlantSimulatorOptions.Speed"/> × the elapsed real
/// time and publishes DDATA with the metrics that changed since they were last published (report by exception),
/// stamped with the wall-clock UTC time. Stopping publishes DDEATH for every device and NDEATH for every node.
/// <para>
/// Thread-safe: the plant is advanced and read under a lock, which births (also on a host's rebirth request) share.
/// <see cref="StartAsync"/> completes when every edge node is born, which with a primary host means after its STATE
/// came online; it throws what the MQTT client throws when the broker refuses the connection, and
/// <see cref="OperationCanceledException"/> when cancelled.
/// </para>
/// </summary>
public sealed class PlantSimulator : IAsyncDisposable
{
    private readonly PlantSimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger<PlantSimulator> _logger;
    private readonly Lock _gate = new();
    private readonly VirtualPlant _plant;
    private readonly SampleValue[][][] _published;
    private readonly Dictionary<string, DateTime> _downSince = new(StringComparer.Ordinal);
    private readonly List<SparkplugEdgeNode> _nodes = [];
    private readonly int _deviceCount;
    private CancellationTokenSource? _loopCancellation;
    private Task? _loop;
    private long _publishedBatches;

    /// <exception cref="ArgumentOutOfRangeException">The speed or the publish interval is not positive.</exception>
    public PlantSimulator(PlantSimulatorOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Speed, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.PublishInterval, TimeSpan.Zero, nameof(options));
        _options = options;
        _time = timeProvider;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<PlantSimulator>();
        _plant = new VirtualPlant(options.Seed, timeProvider.GetUtcNow().UtcDateTime);
        _published = _plant.EdgeNodes
            .Select(n => n.Devices.Select(d => new SampleValue[d.Metrics.Count]).ToArray())
            .ToArray();
        _deviceCount = _plant.EdgeNodes.Sum(n => n.Devices.Count);
    }

    /// <summary>The options the simulator runs with.</summary>
    public PlantSimulatorOptions Options => _options;

    /// <summary>How many DDATA messages were handed to the edge nodes so far.</summary>
    public long PublishedBatches => Interlocked.Read(ref _publishedBatches);

    /// <summary>Reads the plant under the simulator's lock (the plant itself is not thread-safe).</summary>
    public TResult Inspect<TResult>(Func<VirtualPlant, TResult> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_gate)
        {
            return read(_plant);
        }
    }

    /// <summary>Connects every edge node (births included) and starts advancing and publishing the plant.</summary>
    /// <exception cref="InvalidOperationException">The simulator is already started.</exception>
    public async Task StartAsync(CancellationToken ct)
    {
        if (_loop is not null || _nodes.Count > 0)
        {
            throw new InvalidOperationException("the plant simulator is already started");
        }

        for (var n = 0; n < _plant.EdgeNodes.Count; n++)
        {
            var index = n;
            var options = new SparkplugEdgeNodeOptions(_options.Host, _options.Port, _options.Username, _options.Password, VirtualPlant.GroupId, _plant.EdgeNodes[n].Id)
            {
                PrimaryHostId = _options.PrimaryHostId,
            };
            var node = new SparkplugEdgeNode(options, () => Birth(index), _time, _loggerFactory.CreateLogger<SparkplugEdgeNode>());
            node.DeviceCommandReceived += (deviceId, metric) => OnDeviceCommand(_plant.EdgeNodes[index], deviceId, metric);
            _nodes.Add(node);
        }

        await Task.WhenAll(_nodes.Select(node => node.ConnectAsync(ct))).ConfigureAwait(false);
        _loopCancellation = new CancellationTokenSource();

        // The timer starts now, not when the loop's thread gets to it, so no tick of the clock is missed.
        var timer = new PeriodicTimer(_options.PublishInterval, _time);
        var started = _time.GetTimestamp();
        var token = _loopCancellation.Token;
        _loop = Task.Run(() => RunAsync(timer, started, token), CancellationToken.None);
        PlantSimulatorLog.Started(_logger, _nodes.Count, _deviceCount, _options.Host, _options.Port, _options.Speed, _options.Seed);
    }

    /// <summary>Stops publishing, then publishes DDEATH for every device and NDEATH for every edge node and disconnects.</summary>
    public async Task StopAsync(CancellationToken ct)
    {
        if (_loopCancellation is not null)
        {
            await _loopCancellation.CancelAsync().ConfigureAwait(false);
            if (_loop is not null)
            {
                await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            _loopCancellation.Dispose();
            _loopCancellation = null;
            _loop = null;
        }

        await Task.WhenAll(_nodes.Select((node, index) => StopNodeAsync(node, _plant.EdgeNodes[index], ct))).ConfigureAwait(false);
        PlantSimulatorLog.Stopped(_logger);
    }

    private Task OnDeviceCommand(SimulatedEdgeNode edgeNode, string deviceId, SparkplugMetric metric)
    {
        var device = edgeNode.Devices.FirstOrDefault(d => string.Equals(d.Id, deviceId, StringComparison.Ordinal));
        var name = metric.Name ?? string.Empty;
        var value = metric.Value.ToString();
        if (device is not null && device.TryWrite(name, metric.Value))
        {
            PlantSimulatorLog.CommandApplied(_logger, edgeNode.Id, deviceId, name, value);
        }
        else
        {
            PlantSimulatorLog.CommandRefused(_logger, edgeNode.Id, deviceId, name, value);
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_loopCancellation is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await StopAsync(timeout.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        foreach (var node in _nodes)
        {
            await node.DisposeAsync().ConfigureAwait(false);
        }

        _nodes.Clear();
    }

    private static SparkplugDataType ToSparkplug(TagDataType type) => type switch
    {
        TagDataType.Double => SparkplugDataType.Double,
        TagDataType.Long => SparkplugDataType.Int64,
        TagDataType.Bool => SparkplugDataType.Boolean,
        _ => SparkplugDataType.String,
    };

    private EdgeNodeBirth Birth(int nodeIndex)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        lock (_gate)
        {
            var node = _plant.EdgeNodes[nodeIndex];
            var devices = new Dictionary<string, IReadOnlyList<SparkplugMetric>>(StringComparer.Ordinal);
            for (var d = 0; d < node.Devices.Count; d++)
            {
                var device = node.Devices[d];
                var values = device.Values;
                var metrics = new SparkplugMetric[values.Length];
                for (var m = 0; m < values.Length; m++)
                {
                    metrics[m] = ToMetric(device.Metrics[m], values[m], now);
                    _published[nodeIndex][d][m] = values[m];
                }

                devices.Add(device.Id, metrics);
            }

            return new EdgeNodeBirth([], devices);
        }
    }

    private static SparkplugMetric ToMetric(MetricDefinition definition, SampleValue value, DateTime timestamp) =>
        new(definition.Name, ToSparkplug(definition.DataType), value) { Timestamp = timestamp, Unit = definition.Unit };

    private async Task RunAsync(PeriodicTimer timer, long started, CancellationToken ct)
    {
        using var owned = timer;
        var last = started;
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                var now = _time.GetTimestamp();
                var elapsed = _time.GetElapsedTime(last, now);
                last = now;
                await TickAsync(elapsed, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped.
        }
        catch (Exception ex)
        {
            // The loop is the simulator's only worker: a bug here must be visible, not an unobserved task.
            PlantSimulatorLog.LoopFailed(_logger, ex);
            throw;
        }
    }

    private async Task TickAsync(TimeSpan elapsed, CancellationToken ct)
    {
        var wallClock = _time.GetUtcNow().UtcDateTime;
        var batches = new List<(int Node, string Device, SparkplugMetric[] Metrics)>();
        IReadOnlyList<StateTransition> transitions;
        lock (_gate)
        {
            transitions = _plant.Advance(elapsed * _options.Speed, wallClock);
            for (var n = 0; n < _plant.EdgeNodes.Count; n++)
            {
                var node = _plant.EdgeNodes[n];
                for (var d = 0; d < node.Devices.Count; d++)
                {
                    if (Changes(node.Devices[d], _published[n][d], wallClock) is { } metrics)
                    {
                        batches.Add((n, node.Devices[d].Id, metrics));
                    }
                }
            }
        }

        LogTransitions(transitions);
        var work = new Task[_nodes.Count];
        for (var n = 0; n < _nodes.Count; n++)
        {
            work[n] = PublishNodeAsync(n, batches, ct);
        }

        await Task.WhenAll(work).ConfigureAwait(false);
    }

    private static SparkplugMetric[]? Changes(SimulatedDevice device, SampleValue[] published, DateTime timestamp)
    {
        var values = device.Values;
        var count = 0;
        for (var m = 0; m < values.Length; m++)
        {
            if (values[m] != published[m])
            {
                count++;
            }
        }

        if (count == 0)
        {
            return null;
        }

        var metrics = new SparkplugMetric[count];
        var i = 0;
        for (var m = 0; m < values.Length; m++)
        {
            if (values[m] != published[m])
            {
                // The unit travelled in the birth; data carries name (aliased by the edge node), type, value and time.
                var definition = device.Metrics[m];
                metrics[i++] = new SparkplugMetric(definition.Name, ToSparkplug(definition.DataType), values[m]) { Timestamp = timestamp };
                published[m] = values[m];
            }
        }

        return metrics;
    }

    private async Task PublishNodeAsync(int nodeIndex, List<(int Node, string Device, SparkplugMetric[] Metrics)> batches, CancellationToken ct)
    {
        var node = _nodes[nodeIndex];
        try
        {
            foreach (var (n, device, metrics) in batches)
            {
                if (n == nodeIndex)
                {
                    await node.PublishDeviceDataAsync(device, metrics, ct).ConfigureAwait(false);
                    Interlocked.Increment(ref _publishedBatches);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A broken connection: the edge node reconnects and births with the current values.
            PlantSimulatorLog.PublishFailed(_logger, _plant.EdgeNodes[nodeIndex].Id, ex);
        }
    }

    private void LogTransitions(IReadOnlyList<StateTransition> transitions)
    {
        foreach (var transition in transitions)
        {
            var key = transition.EdgeNodeId + "/" + transition.DeviceId;
            if (transition.Cause == TransitionCause.Failure)
            {
                _downSince[key] = transition.Timestamp;
                PlantSimulatorLog.Failed(_logger, transition.EdgeNodeId, transition.DeviceId, transition.Detail ?? "fault", transition.Timestamp);
            }
            else if (transition.Cause == TransitionCause.Repair)
            {
                var downtime = _downSince.Remove(key, out var since) ? (transition.Timestamp - since).TotalMinutes : double.NaN;
                PlantSimulatorLog.Repaired(_logger, transition.EdgeNodeId, transition.DeviceId, downtime);
            }
        }
    }

    private async Task StopNodeAsync(SparkplugEdgeNode node, SimulatedEdgeNode model, CancellationToken ct)
    {
        try
        {
            if (node.IsConnected)
            {
                foreach (var device in model.Devices)
                {
                    await node.PublishDeviceDeathAsync(device.Id, ct).ConfigureAwait(false);
                }
            }

            await node.DisconnectAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            PlantSimulatorLog.StopFailed(_logger, model.Id, ex);
        }
    }
}
