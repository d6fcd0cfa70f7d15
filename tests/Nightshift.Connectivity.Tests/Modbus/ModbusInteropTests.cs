using Microsoft.Extensions.Time.Testing;
using Nightshift.Connectivity.Modbus;
using Nightshift.Connectivity.Tests.Support;
using Nightshift.Core.Assets;
using Nightshift.Core.Ingest;
using Nightshift.Core.Samples;

namespace Nightshift.Connectivity.Tests.Modbus;

/// <summary>The Modbus TCP client and poller against a real pymodbus server (tests/interop/modbus_server.py documents its values).</summary>
public sealed class ModbusInteropTests : IAsyncLifetime
{
    private const string Tenant = "acme";
    private readonly RecordingIngestSink _sink = new();
    private readonly RecordingLoggerFactory _logs = new();
    private PymodbusServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await PymodbusServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static ModbusPoint[] EveryDataType(ModbusTable table) =>
    [
        new("int16", 1, table, 0, ModbusDataType.Int16),
        new("uint16", 1, table, 1, ModbusDataType.UInt16),
        new("int32", 1, table, 2, ModbusDataType.Int32),
        new("uint32", 1, table, 4, ModbusDataType.UInt32),
        new("float_abcd", 1, table, 6, ModbusDataType.Float32),
        new("float_cdab", 1, table, 8, ModbusDataType.Float32) { ByteOrder = ModbusByteOrder.CDAB },
        new("float_badc", 1, table, 10, ModbusDataType.Float32) { ByteOrder = ModbusByteOrder.BADC },
        new("float_dcba", 1, table, 12, ModbusDataType.Float32) { ByteOrder = ModbusByteOrder.DCBA },
        new("float64", 1, table, 14, ModbusDataType.Float64),
        new("bit0", 1, table, 18, ModbusDataType.Bit) { Bit = 0 },
        new("bit1", 1, table, 18, ModbusDataType.Bit) { Bit = 1 },
        new("bit15", 1, table, 18, ModbusDataType.Bit) { Bit = 15 },
        new("temperature", 1, table, 19, ModbusDataType.UInt16) { Scale = 0.01, Offset = -40, Unit = "°C" },
    ];

    [Theory]
    [InlineData(ModbusTable.HoldingRegister)]
    [InlineData(ModbusTable.InputRegister)]
    public async Task Every_data_type_is_read_from_a_real_server(ModbusTable table)
    {
        await using var client = Client();
        await using var poller = Poller(client, new ModbusPollGroup("all", TimeSpan.FromSeconds(1), EveryDataType(table)));

        await poller.PollOnceAsync(TestContext.Current.CancellationToken);

        poller.Blocks.ShouldHaveSingleItem().Quantity.ShouldBe(20);
        var points = LatestBySource(poller.SourceOf(1));
        points.Values.ShouldAllBe(p => p.Quality == Quality.Good);
        points["int16"].Value.ShouldBe(SampleValue.FromLong(-1234));
        points["uint16"].Value.ShouldBe(SampleValue.FromLong(54321));
        points["int32"].Value.ShouldBe(SampleValue.FromLong(-123456789));
        points["uint32"].Value.ShouldBe(SampleValue.FromLong(3_000_000_000));
        foreach (var name in new[] { "float_abcd", "float_cdab", "float_badc", "float_dcba" })
        {
            points[name].Value.ShouldBe(SampleValue.FromDouble(123.456f), name);
        }

        points["float64"].Value.ShouldBe(SampleValue.FromDouble(-9876.54321));
        points["bit0"].Value.ShouldBe(SampleValue.FromBool(true));
        points["bit1"].Value.ShouldBe(SampleValue.FromBool(false));
        points["bit15"].Value.ShouldBe(SampleValue.FromBool(true));
        points["temperature"].Value.AsDouble().ShouldBe(-18.5, 1e-9);
        var described = _sink.Described.ShouldHaveSingleItem();
        described.Source.ShouldBe(poller.SourceOf(1));
        described.Metrics.Single(m => m.Name == "temperature").ShouldBe(new SourceMetric("temperature", TagDataType.Double, "°C"));
        described.Metrics.Single(m => m.Name == "int32").DataType.ShouldBe(TagDataType.Long);
        described.Metrics.Single(m => m.Name == "bit15").DataType.ShouldBe(TagDataType.Bool);
        _logs.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Coils_and_discrete_inputs_are_read_as_bools()
    {
        await using var client = Client();
        var points = Enumerable.Range(0, 8)
            .SelectMany(i => new[]
            {
                new ModbusPoint($"coil{i}", 1, ModbusTable.Coil, (ushort)i, ModbusDataType.Bool),
                new ModbusPoint($"input{i}", 1, ModbusTable.DiscreteInput, (ushort)i, ModbusDataType.Bool),
            })
            .ToArray();
        await using var poller = Poller(client, new ModbusPollGroup("bits", TimeSpan.FromSeconds(1), points));

        await poller.PollOnceAsync(TestContext.Current.CancellationToken);

        poller.Blocks.Count.ShouldBe(2);
        var latest = LatestBySource(poller.SourceOf(1));
        Enumerable.Range(0, 8).Select(i => latest[$"coil{i}"].Value.AsBool()).ShouldBe([true, false, true, true, false, false, true, false]);
        Enumerable.Range(0, 8).Select(i => latest[$"input{i}"].Value.AsBool()).ShouldBe([false, true, true, false, true, false, false, true]);
    }

    [Fact]
    public async Task Coils_and_registers_are_written_and_confirmed_by_reading_back()
    {
        await using var client = Client();
        ModbusPoint[] points =
        [
            new("coil", 1, ModbusTable.Coil, 9, ModbusDataType.Bool),
            new("int16", 1, ModbusTable.HoldingRegister, 20, ModbusDataType.Int16),
            new("int32", 1, ModbusTable.HoldingRegister, 21, ModbusDataType.Int32) { ByteOrder = ModbusByteOrder.DCBA },
            new("float", 1, ModbusTable.HoldingRegister, 23, ModbusDataType.Float32) { ByteOrder = ModbusByteOrder.CDAB },
            new("double", 1, ModbusTable.HoldingRegister, 25, ModbusDataType.Float64) { ByteOrder = ModbusByteOrder.BADC },
            new("scaled", 1, ModbusTable.HoldingRegister, 29, ModbusDataType.UInt16) { Scale = 0.1, Offset = 10 },
            new("flag", 1, ModbusTable.HoldingRegister, 18, ModbusDataType.Bit) { Bit = 1 },
        ];
        SampleValue[] values =
        [
            SampleValue.FromBool(true),
            SampleValue.FromLong(-321),
            SampleValue.FromLong(-7_654_321),
            SampleValue.FromDouble(-2.5),
            SampleValue.FromDouble(Math.PI),
            SampleValue.FromDouble(55.5),
            SampleValue.FromBool(true),
        ];
        await using var poller = Poller(client, new ModbusPollGroup("written", TimeSpan.FromSeconds(1), points));

        for (var i = 0; i < points.Length; i++)
        {
            var result = await poller.WriteAsync(points[i], values[i], TestContext.Current.CancellationToken);

            result.Quality.ShouldBe(Quality.Good, points[i].Name);
            result.Confirmed.ShouldBeTrue(points[i].Name);
            result.ReadBack.AsDouble().ShouldBe(values[i].AsDouble(), 1e-9, points[i].Name);
        }

        await poller.PollOnceAsync(TestContext.Current.CancellationToken);
        var latest = LatestBySource(poller.SourceOf(1));
        latest["coil"].Value.ShouldBe(SampleValue.FromBool(true));
        latest["int16"].Value.ShouldBe(SampleValue.FromLong(-321));
        latest["int32"].Value.ShouldBe(SampleValue.FromLong(-7_654_321));
        latest["float"].Value.ShouldBe(SampleValue.FromDouble(-2.5));
        latest["double"].Value.ShouldBe(SampleValue.FromDouble(Math.PI));
        latest["scaled"].Value.AsDouble().ShouldBe(55.5, 1e-9);
        latest["flag"].Value.ShouldBe(SampleValue.FromBool(true));

        var register = await client.SendAsync(ModbusRequest.ReadHoldingRegisters(1, 18, 1), TestContext.Current.CancellationToken);
        register.GetRegister(0).ShouldBe((ushort)0xA007, "the other bits of the register are kept");
    }

    [Fact]
    public async Task Values_written_by_the_client_read_the_same_in_mbpoll_and_the_other_way_round()
    {
        await using var client = Client();
        var floatLittleWords = new ModbusPoint("f", 1, ModbusTable.HoldingRegister, 40, ModbusDataType.Float32) { ByteOrder = ModbusByteOrder.CDAB };
        var intBigEndian = new ModbusPoint("i", 1, ModbusTable.HoldingRegister, 42, ModbusDataType.Int32);
        var fromMbpoll = new ModbusPoint("m", 1, ModbusTable.HoldingRegister, 45, ModbusDataType.Float32) { ByteOrder = ModbusByteOrder.CDAB };
        await using var poller = Poller(client, new ModbusPollGroup("g", TimeSpan.FromSeconds(1), [floatLittleWords, intBigEndian, fromMbpoll]));
        (await poller.WriteAsync(floatLittleWords, SampleValue.FromDouble(-1234.5), TestContext.Current.CancellationToken)).Confirmed.ShouldBeTrue();
        (await poller.WriteAsync(intBigEndian, SampleValue.FromLong(987654321), TestContext.Current.CancellationToken)).Confirmed.ShouldBeTrue();

        // mbpoll counts references from 1; its floats are word-swapped (CDAB) unless -B (ABCD) is given.
        (await Mbpoll("-t", "4:float", "-r", "41", "-c", "1", "-1")).ShouldContain("[41]: \t-1234.5");
        (await Mbpoll("-t", "4:int", "-B", "-r", "43", "-c", "1", "-1")).ShouldContain("[43]: \t987654321");
        await Mbpoll("-t", "4:float", "-r", "46", "127.0.0.1", "6.25");
        await poller.PollOnceAsync(TestContext.Current.CancellationToken);

        LatestBySource(poller.SourceOf(1))["m"].Value.ShouldBe(SampleValue.FromDouble(6.25));
    }

    [Fact]
    public async Task A_read_only_point_is_not_written()
    {
        await using var client = Client();
        var input = new ModbusPoint("input", 1, ModbusTable.InputRegister, 0, ModbusDataType.Int16);
        await using var poller = Poller(client, new ModbusPollGroup("g", TimeSpan.FromSeconds(1), [input]));

        await Should.ThrowAsync<ArgumentException>(() => poller.WriteAsync(input, SampleValue.FromLong(1), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_exception_response_gives_bad_quality_with_its_code_to_the_points_of_that_request_only()
    {
        await using var client = Client();
        await using var poller = Poller(client, new ModbusPollGroup("mixed", TimeSpan.FromSeconds(1),
        [
            new ModbusPoint("good", 1, ModbusTable.HoldingRegister, 0, ModbusDataType.Int16),
            new ModbusPoint("beyond_a", 1, ModbusTable.HoldingRegister, 150, ModbusDataType.Int16),
            new ModbusPoint("beyond_b", 1, ModbusTable.HoldingRegister, 151, ModbusDataType.Float32),
        ]));

        await poller.PollOnceAsync(TestContext.Current.CancellationToken);

        var latest = LatestBySource(poller.SourceOf(1));
        latest["good"].Quality.ShouldBe(Quality.Good);
        latest["good"].Value.ShouldBe(SampleValue.FromLong(-1234));
        foreach (var name in new[] { "beyond_a", "beyond_b" })
        {
            latest[name].Quality.IsBad.ShouldBeTrue();
            latest[name].Quality.Code.ShouldBe(0x808B_0002u);
            latest[name].Value.Kind.ShouldBe(ValueKind.None);
            ModbusQuality.TryGetExceptionCode(latest[name].Quality, out var code).ShouldBeTrue();
            code.ShouldBe(ModbusExceptionCode.IllegalDataAddress);
        }
    }

    [Fact]
    public async Task A_unit_that_does_not_answer_times_out_with_bad_quality_and_the_others_still_answer()
    {
        await using var client = Client(requestTimeout: TimeSpan.FromSeconds(1));
        await using var poller = Poller(client, new ModbusPollGroup("units", TimeSpan.FromSeconds(1),
        [
            new ModbusPoint("silent", 3, ModbusTable.HoldingRegister, 0, ModbusDataType.Int16),
            new ModbusPoint("first", 1, ModbusTable.HoldingRegister, 0, ModbusDataType.Int16),
            new ModbusPoint("second", 2, ModbusTable.HoldingRegister, 0, ModbusDataType.UInt16),
        ]));

        await poller.PollOnceAsync(TestContext.Current.CancellationToken);

        LatestBySource(poller.SourceOf(3))["silent"].Quality.ShouldBe(ModbusQuality.BadTimeout);
        LatestBySource(poller.SourceOf(1))["first"].Value.ShouldBe(SampleValue.FromLong(-1234));
        LatestBySource(poller.SourceOf(2))["second"].Value.ShouldBe(SampleValue.FromLong(2222));
        poller.SourceOf(2).ShouldBe($"modbus/127.0.0.1-{_server.Port}/2");
        _sink.Statuses.Single(s => s.Source == poller.SourceOf(3)).ShouldSatisfyAllConditions(
            s => s.Online.ShouldBeFalse(),
            s => s.Quality.ShouldBe(ModbusQuality.BadTimeout));
        _sink.Statuses.Single(s => s.Source == poller.SourceOf(1)).Online.ShouldBeTrue();
    }

    [Fact]
    public async Task Two_units_behind_one_gateway_are_served_one_request_at_a_time()
    {
        await using var relay = new ModbusFrameRelay(_server.Port);
        await using var client = new ModbusTcpClient(new ModbusTcpClientOptions { Host = "127.0.0.1", Port = relay.Port });

        var requests = Enumerable.Range(0, 60)
            .Select(i => (Unit: (byte)(1 + (i % 2)), Task: client.SendAsync(ModbusRequest.ReadHoldingRegisters((byte)(1 + (i % 2)), 0, 1), TestContext.Current.CancellationToken)))
            .ToArray();
        await Task.WhenAll(requests.Select(r => r.Task));

        foreach (var (unit, task) in requests)
        {
            var response = await task;
            response.UnitId.ShouldBe(unit);
            response.GetRegister(0).ShouldBe(unit == 1 ? (ushort)0xFB2E : (ushort)2222);
        }

        relay.Requests.ShouldBe(60);
        relay.MaxOutstanding.ShouldBe(1);
    }

    [Fact]
    public async Task Polling_resumes_after_the_server_is_killed_and_restarted()
    {
        await using var client = Client(requestTimeout: TimeSpan.FromSeconds(2), maxReconnectDelay: TimeSpan.FromMilliseconds(400));
        await using var poller = Poller(client, new ModbusPollGroup("fast", TimeSpan.FromMilliseconds(50),
            [new ModbusPoint("value", 1, ModbusTable.HoldingRegister, 1, ModbusDataType.UInt16)]));
        var source = poller.SourceOf(1);
        poller.Start();
        await Eventually.HoldsAsync(() => _sink.Points(source).Any(p => p.Quality.IsGood), "the first good value arrives");

        await _server.KillAsync();
        await Eventually.HoldsAsync(() => _sink.Points(source).Any(p => p.Quality == Quality.BadNotConnected), "the value goes Bad, not connected");
        client.IsConnected.ShouldBeFalse();

        var before = _sink.Points(source).Count;
        await _server.RestartAsync();
        await Eventually.HoldsAsync(() => _sink.Points(source).Skip(before).Any(p => p.Quality.IsGood && p.Value == SampleValue.FromLong(54321)), "polling resumes with good values");
        client.IsConnected.ShouldBeTrue();
        await Eventually.HoldsAsync(() => _sink.Statuses.Count(s => s.Source == source) == 3, "the unit went online, offline and online again");
        _sink.Statuses.Where(s => s.Source == source).Select(s => (s.Online, s.Quality)).ShouldBe(
            [(true, Quality.Good), (false, Quality.BadNotConnected), (true, Quality.Good)]);
        _logs.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Each_poll_group_runs_at_its_own_rate_on_the_injected_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        await using var client = Client();
        await using var poller = new ModbusPoller(client, Tenant,
        [
            new ModbusPollGroup("fast", TimeSpan.FromSeconds(1), [new ModbusPoint("fast", 1, ModbusTable.HoldingRegister, 0, ModbusDataType.Int16)]),
            new ModbusPollGroup("slow", TimeSpan.FromSeconds(5), [new ModbusPoint("slow", 2, ModbusTable.HoldingRegister, 0, ModbusDataType.UInt16)]),
        ], _sink, clock, _logs.CreateLogger<ModbusPoller>());
        int Rounds(string name) => _sink.Batches.Count(b => b.Points.Any(p => p.Name == name));

        poller.Start();
        await Eventually.HoldsAsync(() => Rounds("fast") == 1 && Rounds("slow") == 1, "both groups poll at once");
        for (var second = 1; second <= 5; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            var expected = 1 + second;
            await Eventually.HoldsAsync(() => Rounds("fast") == expected, $"the fast group polled {expected} times");
        }

        await Eventually.HoldsAsync(() => Rounds("slow") == 2, "the slow group polled again after 5 s");
        _sink.Batches.Where(b => b.Points.Any(p => p.Name == "slow")).Last().Points[0].Timestamp
            .ShouldBe(new DateTime(2026, 3, 1, 8, 0, 5, DateTimeKind.Utc), "timestamps come from the injected clock");
        Rounds("fast").ShouldBe(6);
    }

    [Fact]
    public async Task A_cancelled_request_leaves_the_client_usable()
    {
        await using var client = Client(requestTimeout: TimeSpan.FromSeconds(5));
        using var cancel = new CancellationTokenSource();
        var silent = client.SendAsync(ModbusRequest.ReadHoldingRegisters(3, 0, 1), cancel.Token);
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => silent);
        var response = await client.SendAsync(ModbusRequest.ReadHoldingRegisters(1, 0, 1), TestContext.Current.CancellationToken);
        response.GetRegister(0).ShouldBe((ushort)0xFB2E);
    }

    private async Task<string> Mbpoll(params string[] arguments)
    {
        if (!File.Exists("/usr/bin/mbpoll"))
        {
            throw new InvalidOperationException("mbpoll is not installed; run scripts/install-test-deps.sh.");
        }

        var start = new System.Diagnostics.ProcessStartInfo("/usr/bin/mbpoll") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-m", "tcp", "-p", _server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-a", "1", "-q" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        if (!arguments.Contains("127.0.0.1"))
        {
            start.ArgumentList.Add("127.0.0.1");
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        process.ExitCode.ShouldBe(0, error);
        return await output;
    }

    private ModbusTcpClient Client(TimeSpan? requestTimeout = null, TimeSpan? maxReconnectDelay = null) => new(
        new ModbusTcpClientOptions
        {
            Host = "127.0.0.1",
            Port = _server.Port,
            RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(3),
            ReconnectDelay = TimeSpan.FromMilliseconds(50),
            MaxReconnectDelay = maxReconnectDelay ?? TimeSpan.FromSeconds(1),
        },
        TimeProvider.System,
        _logs.CreateLogger<ModbusTcpClient>());

    private ModbusPoller Poller(ModbusTcpClient client, params ModbusPollGroup[] groups) =>
        new(client, Tenant, groups, _sink, TimeProvider.System, _logs.CreateLogger<ModbusPoller>());

    private Dictionary<string, SourcePoint> LatestBySource(string source)
    {
        var latest = new Dictionary<string, SourcePoint>();
        foreach (var batch in _sink.Batches.Where(b => b.Source == source))
        {
            batch.Tenant.ShouldBe(Tenant);
            foreach (var point in batch.Points)
            {
                latest[point.Name] = point;
            }
        }

        return latest;
    }
}
