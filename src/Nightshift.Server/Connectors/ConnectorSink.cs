using Nightshift.Connectivity.Modbus;
using Nightshift.Core.Ingest;
using Nightshift.Core.Samples;

namespace Nightshift.Server.Connectors;

/// <summary>
/// Stands between one connector's poller and the platform's <see cref="IIngestSink"/>: counts requests, errors and values,
/// remembers whether the latest requests were answered (the connector's state), and, for a connector bound to
/// equipment, delivers every unit under the source <c>modbus/{equipment path}</c>, which the normalizer's source address
/// rule maps to that equipment, with one description (all points) and one online status (online while any unit is).
/// Thread-safe: the poll groups deliver concurrently.
/// </summary>
internal sealed class ConnectorSink : IIngestSink
{
    private readonly IIngestSink _inner;
    private readonly TimeProvider _time;
    private readonly string? _boundSource;
    private readonly SourceMetric[] _allMetrics;
    private readonly Dictionary<(byte Unit, string Name), int> _blockOf = [];
    private readonly string _endpoint;
    private readonly TimeSpan _timeout;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _sources = new(StringComparer.Ordinal);
    private readonly bool?[] _unitOnline = new bool?[256];
    private bool? _boundOnline;
    private long _requests;
    private long _errors;
    private long _points;
    private long _sequence;
    private long _lastAnswer;
    private long _lastFailure;
    private DateTime? _lastAnswerTime;
    private DateTime? _lastDataTime;
    private string? _lastError;
    private DateTime? _lastErrorTime;

    public ConnectorSink(ConnectorSettings settings, IIngestSink inner, TimeProvider time)
    {
        _inner = inner;
        _time = time;
        _endpoint = settings.Host + ":" + settings.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _timeout = settings.RequestTimeout;
        _boundSource = settings.Equipment is null ? null : ConnectorDocumentReader.ModbusKind + "/" + settings.Equipment.Value;
        var points = settings.Groups.SelectMany(g => g.Points).ToList();
        _allMetrics = [.. points.DistinctBy(p => p.Name).Select(p => new SourceMetric(p.Name, ModbusPoller.TagTypeOf(p), p.Unit))];
        var block = 0;
        foreach (var group in settings.Groups)
        {
            foreach (var planned in ModbusReadPlanner.Plan(group.Points))
            {
                foreach (var point in planned.Points)
                {
                    _blockOf.TryAdd((point.UnitId, point.Name), block);
                }

                block++;
            }
        }
    }

    /// <summary>The time of the latest answered request, or null.</summary>
    public DateTime? LastAnswerTime
    {
        get
        {
            lock (_gate)
            {
                return _lastAnswerTime;
            }
        }
    }

    /// <summary>The state from the latest outcomes, for a running connector.</summary>
    public ConnectorStatus Status(bool running, long reconnects)
    {
        lock (_gate)
        {
            var state = !running ? ConnectorState.Disabled
                : _lastAnswer == 0 && _lastFailure == 0 ? ConnectorState.Connecting
                : _lastAnswer > _lastFailure ? ConnectorState.Connected
                : ConnectorState.Faulted;
            return new ConnectorStatus(
                state,
                _lastError,
                _lastErrorTime,
                Interlocked.Read(ref _requests),
                Interlocked.Read(ref _errors),
                Interlocked.Read(ref _points),
                reconnects,
                _lastDataTime);
        }
    }

    /// <summary>Forgets the latest outcomes (after a reconnect): the state is Connecting until the next one.</summary>
    public void ResetOutcome()
    {
        lock (_gate)
        {
            _lastAnswer = 0;
            _lastFailure = 0;
            _lastAnswerTime = null;
        }
    }

    /// <summary>Marks every source this connector delivered to offline with <paramref name="quality"/>.</summary>
    public async Task MarkOfflineAsync(string tenant, Quality quality, CancellationToken cancellationToken)
    {
        string[] sources;
        lock (_gate)
        {
            sources = [.. _sources];
            Array.Clear(_unitOnline);
            _boundOnline = null;
        }

        var now = _time.GetUtcNow().UtcDateTime;
        foreach (var source in sources)
        {
            await _inner.SourceStatusAsync(tenant, source, false, quality, now, cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask DescribeAsync(string tenant, string source, IReadOnlyList<SourceMetric> metrics, CancellationToken cancellationToken) =>
        _boundSource is null
            ? _inner.DescribeAsync(tenant, source, metrics, cancellationToken)
            : _inner.DescribeAsync(tenant, _boundSource, _allMetrics, cancellationToken);

    public ValueTask IngestAsync(SourceBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Count(batch);
        var target = _boundSource ?? batch.Source;
        lock (_gate)
        {
            _sources.Add(target);
        }

        return _inner.IngestAsync(_boundSource is null ? batch : batch with { Source = _boundSource }, cancellationToken);
    }

    public ValueTask SourceStatusAsync(string tenant, string source, bool online, Quality quality, DateTime timestamp, CancellationToken cancellationToken)
    {
        if (_boundSource is null)
        {
            return _inner.SourceStatusAsync(tenant, source, online, quality, timestamp, cancellationToken);
        }

        bool changed;
        bool aggregate;
        lock (_gate)
        {
            _unitOnline[UnitOf(source)] = online;
            aggregate = _unitOnline.Any(u => u == true);
            changed = _boundOnline != aggregate;
            _boundOnline = aggregate;
        }

        return changed
            ? _inner.SourceStatusAsync(tenant, _boundSource, aggregate, aggregate ? Quality.Good : quality, timestamp, cancellationToken)
            : ValueTask.CompletedTask;
    }

    private static byte UnitOf(string source) =>
        byte.TryParse(source.AsSpan(source.LastIndexOf('/') + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var unit) ? unit : (byte)0;

    private void Count(SourceBatch batch)
    {
        var unit = UnitOf(batch.Source);
        long requests = 0, errors = 0, good = 0;
        var answered = false;
        Quality? failure = null;
        Quality? error = null;
        var previous = -1;
        foreach (var point in batch.Points)
        {
            if (point.Quality.IsGood)
            {
                good++;
            }

            // The points of one request arrive together and share its quality.
            var block = _blockOf.TryGetValue((unit, point.Name), out var b) ? b : -1;
            if (block == previous && block >= 0)
            {
                continue;
            }

            previous = block;
            requests++;
            if (point.Quality.IsGood)
            {
                answered = true;
                continue;
            }

            errors++;
            error = point.Quality;
            if (point.Quality == Quality.BadNotConnected || point.Quality == ModbusQuality.BadTimeout)
            {
                failure = point.Quality;
            }
            else
            {
                answered = true; // an exception response or a malformed answer: the device talks
            }
        }

        Interlocked.Add(ref _requests, requests);
        Interlocked.Add(ref _errors, errors);
        Interlocked.Add(ref _points, good);
        var now = _time.GetUtcNow().UtcDateTime;
        lock (_gate)
        {
            if (answered)
            {
                _lastAnswer = ++_sequence;
                _lastAnswerTime = now;
            }
            else if (failure is not null)
            {
                _lastFailure = ++_sequence;
            }

            if (good > 0)
            {
                _lastDataTime = now;
            }

            if (error is { } bad)
            {
                _lastError = Describe(bad);
                _lastErrorTime = now;
            }
        }
    }

    private string Describe(Quality quality)
    {
        if (quality == Quality.BadNotConnected)
        {
            return $"no connection to {_endpoint} ({quality})";
        }

        if (quality == ModbusQuality.BadTimeout)
        {
            return $"no response from {_endpoint} within {_timeout.TotalMilliseconds:0} ms ({quality})";
        }

        return ModbusQuality.TryGetExceptionCode(quality, out var code)
            ? $"exception response {(int)code} ({code}) from {_endpoint} ({quality})"
            : $"{quality} from {_endpoint}";
    }
}
