using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nightshift.Core.Assets;
using Nightshift.Core.Ingest;
using Nightshift.Core.Samples;

namespace Nightshift.Connectivity.Modbus;

/// <summary>
/// Polls the points of a register map through one <see cref="ModbusTcpClient"/> and delivers them to an
/// <see cref="IIngestSink"/>: each <see cref="ModbusPollGroup"/> runs on its own <see cref="PeriodicTimer"/> (of the injected
/// <see cref="TimeProvider"/>), reads its planned blocks (<see cref="ModbusReadPlanner"/>) and sends one
/// <see cref="SourceBatch"/> per unit and round, source <c>modbus/{host}-{port}/{unit}</c>. A block answered with an
/// exception, not answered in time, or not sent for want of a connection gives its own points (only) no value and a Bad
/// quality (<see cref="ModbusQuality"/>). A unit is reported online (<see cref="IIngestSink.SourceStatusAsync"/>) when a
/// round reaches it, and offline with the reason's quality when no request of a round reached it (no connection, no
/// answer, or a gateway exception 10 or 11). <see cref="WriteAsync"/> writes a point and reads it back. Thread-safe; the
/// client is not owned and stays open after <see cref="DisposeAsync"/>.
/// </summary>
public sealed class ModbusPoller : IAsyncDisposable
{
    private readonly ModbusTcpClient _client;
    private readonly string _tenant;
    private readonly IIngestSink _sink;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly (ModbusPollGroup Group, IReadOnlyList<ModbusReadBlock> Blocks)[] _plans;
    private readonly string[] _sources = new string[256];
    private readonly Dictionary<ModbusReadBlock, Quality> _lastQuality = [];
    private readonly Lock _gate = new();
    private readonly int _blockCount;
    private readonly bool?[] _online = new bool?[256];
    private readonly bool[] _described = new bool[256];
    private readonly Dictionary<byte, SourceMetric[]> _metrics;
    private CancellationTokenSource? _running;
    private Task[] _loops = [];

    /// <exception cref="ArgumentException">No groups, a group without points or with an interval under 1 ms, or an invalid point.</exception>
    public ModbusPoller(
        ModbusTcpClient client,
        string tenant,
        IReadOnlyList<ModbusPollGroup> groups,
        IIngestSink sink,
        TimeProvider? timeProvider = null,
        ILogger<ModbusPoller>? logger = null,
        int maxRegisterGap = ModbusReadPlanner.DefaultRegisterGap,
        int maxBitGap = ModbusReadPlanner.DefaultBitGap)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(sink);
        if (groups.Count == 0)
        {
            throw new ArgumentException("A Modbus poller needs at least one poll group.", nameof(groups));
        }

        _client = client;
        _tenant = tenant;
        _sink = sink;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<ModbusPoller>.Instance;
        _plans = new (ModbusPollGroup, IReadOnlyList<ModbusReadBlock>)[groups.Count];
        for (var i = 0; i < groups.Count; i++)
        {
            var group = groups[i];
            if (group.Points.Count == 0 || group.Interval < TimeSpan.FromMilliseconds(1))
            {
                throw new ArgumentException($"Poll group {group.Name} needs points and an interval of at least 1 ms.", nameof(groups));
            }

            _plans[i] = (group, ModbusReadPlanner.Plan(group.Points, maxRegisterGap, maxBitGap));
            _blockCount += _plans[i].Blocks.Count;
        }

        _metrics = groups.SelectMany(g => g.Points)
            .GroupBy(p => p.UnitId)
            .ToDictionary(u => u.Key, u => u.DistinctBy(p => p.Name).Select(p => new SourceMetric(p.Name, TagTypeOf(p), p.Unit)).ToArray());
    }

    /// <summary>The tag data type a point delivers: bool for bits and coils, long for unscaled integers, double otherwise.</summary>
    public static TagDataType TagTypeOf(ModbusPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return point.DataType switch
        {
            ModbusDataType.Bit or ModbusDataType.Bool => TagDataType.Bool,
            ModbusDataType.Float32 or ModbusDataType.Float64 => TagDataType.Double,
            _ => point.Scale == 1 && point.Offset == 0 ? TagDataType.Long : TagDataType.Double,
        };
    }

    /// <summary>The planned reads of every group, in group order.</summary>
    public IReadOnlyList<ModbusReadBlock> Blocks => _plans.SelectMany(p => p.Blocks).ToArray();

    /// <summary>The source address of a unit behind this poller's gateway: <c>modbus/{host}-{port}/{unit}</c>.</summary>
    public string SourceOf(byte unitId) =>
        _sources[unitId] ??= FormattableString.Invariant($"modbus/{_client.Host}-{_client.Port}/{unitId}");

    /// <summary>Starts polling: every group at once, then at its interval. Does nothing when already started.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_running is not null)
            {
                return;
            }

            _running = new CancellationTokenSource();
            var token = _running.Token;
            _loops = _plans.Select(plan => Task.Run(() => RunGroupAsync(plan.Group, plan.Blocks, token), CancellationToken.None)).ToArray();
            ModbusLog.PollerStarted(_logger, _client.Host, _client.Port, _tenant, _plans.Length, _blockCount);
        }
    }

    /// <summary>Stops polling and waits for the rounds in progress to end.</summary>
    public async Task StopAsync()
    {
        CancellationTokenSource? running;
        Task[] loops;
        lock (_gate)
        {
            running = _running;
            loops = _loops;
            _running = null;
            _loops = [];
        }

        if (running is null)
        {
            return;
        }

        await running.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(loops).ConfigureAwait(false);
        running.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>Polls every group once, now, and delivers the batches.</summary>
    public async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var (_, blocks) in _plans)
        {
            await PollAsync(blocks, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes <paramref name="value"/> to <paramref name="point"/> (function code 5 for a coil, 6 for a one-register value,
    /// 16 for a wider one, a read-modify-write with 3 and 6 for a <see cref="ModbusDataType.Bit"/>, which is not atomic
    /// against other writers of that register), reads it back, and delivers the read-back value to the sink.
    /// </summary>
    /// <exception cref="ArgumentException">The point is invalid or read-only, or the value cannot be encoded for it.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public async Task<ModbusWriteResult> WriteAsync(ModbusPoint point, SampleValue value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(point);
        point.Validate();
        if (!point.IsWritable)
        {
            throw new ArgumentException($"Point {point.Name} is in the read-only {point.Table} table.", nameof(point));
        }

        ModbusWriteResult result;
        if (point.DataType == ModbusDataType.Bool)
        {
            result = await WriteCoilAsync(point, value.AsBool(), cancellationToken).ConfigureAwait(false);
        }
        else if (point.DataType == ModbusDataType.Bit)
        {
            result = await WriteBitAsync(point, value.AsBool(), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var registers = new ushort[point.Width];
            ModbusValueConverter.Encode(value, point.DataType, point.ByteOrder, point.Scale, point.Offset, registers);
            result = await WriteRegistersAsync(point, registers, cancellationToken).ConfigureAwait(false);
        }

        var source = SourceOf(point.UnitId);
        ModbusLog.Written(_logger, source, point.Name, value, result.ReadBack, result.Quality, result.Confirmed);
        if (result.Quality.IsGood)
        {
            await DeliverAsync(point.UnitId, [new SourcePoint(point.Name, _time.GetUtcNow().UtcDateTime, result.ReadBack, result.Quality)], cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private async Task RunGroupAsync(ModbusPollGroup group, IReadOnlyList<ModbusReadBlock> blocks, CancellationToken cancellationToken)
    {
        try
        {
            // The timer starts before the first round, so that rounds keep to the period from the start.
            using var timer = new PeriodicTimer(group.Interval, _time);
            await PollAsync(blocks, cancellationToken).ConfigureAwait(false);
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await PollAsync(blocks, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
        catch (Exception e)
        {
            ModbusLog.GroupFailed(_logger, group.Name, _client.Host, _client.Port, e);
        }
    }

    private async Task PollAsync(IReadOnlyList<ModbusReadBlock> blocks, CancellationToken cancellationToken)
    {
        // Blocks are ordered by unit: one batch per unit, flushed when the unit changes.
        var timestamp = _time.GetUtcNow().UtcDateTime;
        List<SourcePoint>? points = null;
        var unit = -1;
        var reachable = false;
        var failure = Quality.Good;
        foreach (var block in blocks)
        {
            if (block.UnitId != unit)
            {
                if (points is not null)
                {
                    await FlushAsync((byte)unit, points, reachable, failure, timestamp, cancellationToken).ConfigureAwait(false);
                }

                unit = block.UnitId;
                points = new List<SourcePoint>(block.Points.Count);
                reachable = false;
            }

            var quality = await ReadBlockAsync(block, timestamp, points!, cancellationToken).ConfigureAwait(false);
            if (IsUnreachable(quality))
            {
                failure = quality;
            }
            else
            {
                reachable = true;
            }
        }

        if (points is not null)
        {
            await FlushAsync((byte)unit, points, reachable, failure, timestamp, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task FlushAsync(byte unitId, List<SourcePoint> points, bool reachable, Quality failure, DateTime timestamp, CancellationToken cancellationToken)
    {
        await DeliverAsync(unitId, points, cancellationToken).ConfigureAwait(false);
        bool? previous;
        lock (_gate)
        {
            previous = _online[unitId];
            _online[unitId] = reachable;
        }

        if (previous != reachable)
        {
            var source = SourceOf(unitId);
            try
            {
                await _sink.SourceStatusAsync(_tenant, source, reachable, reachable ? Quality.Good : failure, timestamp, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ModbusLog.StatusFailed(_logger, source, reachable, e);
            }
        }
    }

    // Unreachable: no connection, no answer, or the gateway says the device behind it did not answer.
    private static bool IsUnreachable(Quality quality) =>
        quality == Quality.BadNotConnected
        || quality == ModbusQuality.BadTimeout
        || (quality.Code & 0xFFFF_0000) == Quality.BadNoCommunication.Code;

    private async Task<Quality> ReadBlockAsync(ModbusReadBlock block, DateTime timestamp, List<SourcePoint> points, CancellationToken cancellationToken)
    {
        var quality = Quality.Good;
        ModbusResponse? response = null;
        try
        {
            response = await _client.SendAsync(block.Request, cancellationToken).ConfigureAwait(false);
            if (response.IsException)
            {
                ConnectivityMetrics.Error(ConnectivityMetrics.ModbusExceptionResponse);
                quality = ModbusQuality.FromException(response.ExceptionCode);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && QualityOf(e) is { } failed)
        {
            quality = failed;
        }

        Note(block, quality);
        foreach (var point in block.Points)
        {
            points.Add(quality.IsGood
                ? new SourcePoint(point.Name, timestamp, Decode(point, response!, point.Address - block.Address), quality)
                : new SourcePoint(point.Name, timestamp, SampleValue.None, quality));
        }

        return quality;
    }

    private async Task<ModbusWriteResult> WriteCoilAsync(ModbusPoint point, bool value, CancellationToken cancellationToken)
    {
        var written = await TrySendAsync(ModbusRequest.WriteSingleCoil(point.UnitId, point.Address, value), cancellationToken).ConfigureAwait(false);
        if (!written.Quality.IsGood)
        {
            return new ModbusWriteResult(false, SampleValue.None, written.Quality);
        }

        var read = await TrySendAsync(ModbusRequest.ReadCoils(point.UnitId, point.Address, 1), cancellationToken).ConfigureAwait(false);
        return read.Quality.IsGood
            ? new ModbusWriteResult(read.Response!.GetBit(0) == value, SampleValue.FromBool(read.Response.GetBit(0)), Quality.Good)
            : new ModbusWriteResult(false, SampleValue.None, read.Quality);
    }

    private async Task<ModbusWriteResult> WriteBitAsync(ModbusPoint point, bool value, CancellationToken cancellationToken)
    {
        var current = await TrySendAsync(ModbusRequest.ReadHoldingRegisters(point.UnitId, point.Address, 1), cancellationToken).ConfigureAwait(false);
        if (!current.Quality.IsGood)
        {
            return new ModbusWriteResult(false, SampleValue.None, current.Quality);
        }

        // The bit is numbered in the register's logical value; byte-swapped orders swap the register first.
        var swap = point.ByteOrder is ModbusByteOrder.BADC or ModbusByteOrder.DCBA;
        var register = current.Response!.GetRegister(0);
        var logical = swap ? System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(register) : register;
        logical = ModbusValueConverter.SetBit(logical, point.Bit, value);
        var updated = swap ? System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(logical) : logical;
        return await WriteRegistersAsync(point, [updated], cancellationToken).ConfigureAwait(false);
    }

    private async Task<ModbusWriteResult> WriteRegistersAsync(ModbusPoint point, ushort[] registers, CancellationToken cancellationToken)
    {
        var request = registers.Length == 1
            ? ModbusRequest.WriteSingleRegister(point.UnitId, point.Address, registers[0])
            : ModbusRequest.WriteMultipleRegisters(point.UnitId, point.Address, registers);
        var written = await TrySendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!written.Quality.IsGood)
        {
            return new ModbusWriteResult(false, SampleValue.None, written.Quality);
        }

        var read = await TrySendAsync(ModbusRequest.ReadHoldingRegisters(point.UnitId, point.Address, registers.Length), cancellationToken).ConfigureAwait(false);
        if (!read.Quality.IsGood)
        {
            return new ModbusWriteResult(false, SampleValue.None, read.Quality);
        }

        var confirmed = true;
        for (var i = 0; i < registers.Length; i++)
        {
            confirmed &= read.Response!.GetRegister(i) == registers[i];
        }

        return new ModbusWriteResult(confirmed, Decode(point, read.Response!, 0), Quality.Good);
    }

    private async Task<(ModbusResponse? Response, Quality Quality)> TrySendAsync(ModbusRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return (response, ModbusQuality.FromException(response.ExceptionCode));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && QualityOf(e) is { } failed)
        {
            return (null, failed);
        }
    }

    private static Quality? QualityOf(Exception exception) => exception switch
    {
        TimeoutException => ModbusQuality.BadTimeout,
        IOException or SocketException => Quality.BadNotConnected,
        ModbusFormatException => Quality.BadCommunicationError,
        _ => null,
    };

    private static SampleValue Decode(ModbusPoint point, ModbusResponse response, int offset)
    {
        if (point.IsBitTable)
        {
            return SampleValue.FromBool(response.GetBit(offset));
        }

        Span<ushort> registers = stackalloc ushort[4];
        response.CopyRegisters(offset, registers[..point.Width]);
        return ModbusValueConverter.Decode(registers, point.DataType, point.ByteOrder, point.Bit, point.Scale, point.Offset);
    }

    private void Note(ModbusReadBlock block, Quality quality)
    {
        Quality previous;
        lock (_gate)
        {
            previous = _lastQuality.GetValueOrDefault(block, Quality.Good);
            _lastQuality[block] = quality;
        }

        if (previous != quality)
        {
            var source = SourceOf(block.UnitId);
            if (quality.IsGood)
            {
                ModbusLog.BlockRecovered(_logger, source, block);
            }
            else
            {
                ModbusLog.BlockBad(_logger, source, block, quality);
            }
        }
    }

    private async Task DeliverAsync(byte unitId, List<SourcePoint> points, CancellationToken cancellationToken)
    {
        if (points.Count == 0)
        {
            return;
        }

        var source = SourceOf(unitId);
        try
        {
            bool describe;
            lock (_gate)
            {
                describe = !_described[unitId];
                _described[unitId] = true;
            }

            if (describe)
            {
                // Announce the unit's points (name, type, unit) once, before its first values, as a Sparkplug birth does.
                await _sink.DescribeAsync(_tenant, source, _metrics[unitId], cancellationToken).ConfigureAwait(false);
            }

            await _sink.IngestAsync(new SourceBatch(_tenant, source, points), cancellationToken).ConfigureAwait(false);
            ConnectivityMetrics.IngestedPoints("modbus", points.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            ModbusLog.SinkFailed(_logger, source, points.Count, e);
        }
    }
}
