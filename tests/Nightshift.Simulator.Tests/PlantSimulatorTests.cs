using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using MQTTnet.Server;
using Nightshift.Core.Samples;
using Nightshift.Simulator.Runtime;

namespace Nightshift.Simulator.Tests;

public sealed class PlantSimulatorTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly int _port = FreePort();
    private readonly RecordingLoggerFactory _logs = new();
    private MqttServer? _broker;

    public async ValueTask InitializeAsync()
    {
        var options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(_port)
            .Build();
        _broker = new MqttServerFactory().CreateMqttServer(options);
        await _broker.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_broker is not null)
        {
            await _broker.StopAsync();
            _broker.Dispose();
        }
    }

    [Fact]
    public async Task The_plant_is_born_publishes_changes_with_wall_clock_timestamps_and_dies_gracefully()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 21, 10, 0, 0, TimeSpan.Zero));
        await using var observer = new MqttObserver();
        await observer.ConnectAsync(_port, "nightshift", ct);
        await using var simulator = new PlantSimulator(new PlantSimulatorOptions { Host = "127.0.0.1", Port = _port, Speed = 60 }, time, _logs);
        var deviceCount = simulator.Inspect(p => p.Devices.Count());

        using (var start = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            start.CancelAfter(Timeout);
            await simulator.StartAsync(start.Token);
        }

        await MqttObserver.WaitUntilAsync(() => observer.Of("DBIRTH").Count == deviceCount, "the device births", Timeout);
        observer.Of("NBIRTH").Select(m => m.Topic.Split('/')[3]).ShouldBe(["press-line", "welding", "paint", "cnc", "utilities", "energy"], ignoreOrder: true);
        var pressBirth = observer.Of("DBIRTH").Single(m => m.Topic == "spBv1.0/VirtualPlant/DBIRTH/press-line/press-1").Payload;
        pressBirth.Metrics.Select(m => m.Name).ShouldContain("state");
        pressBirth.Metrics.Single(m => m.Name == "power").Unit.ShouldBe("kW");
        pressBirth.Metrics.Single(m => m.Name == "goodCount").Value.Kind.ShouldBe(ValueKind.Long);
        pressBirth.Metrics.Single(m => m.Name == "state").Value.Kind.ShouldBe(ValueKind.String);

        var simulatedStart = simulator.Inspect(p => p.Now);
        for (var tick = 1; tick <= 5; tick++)
        {
            var before = observer.Of("DDATA").Count;
            time.Advance(TimeSpan.FromSeconds(1));
            await MqttObserver.WaitUntilAsync(() => observer.Of("DDATA").Count > before, $"data after tick {tick}", Timeout);
        }

        // Five real seconds at speed 60 are five simulated minutes.
        await MqttObserver.WaitUntilAsync(() => simulator.Inspect(p => p.Now) - simulatedStart >= TimeSpan.FromMinutes(5), "the plant to advance", Timeout);
        var data = observer.Of("DDATA");
        data.SelectMany(m => m.Payload.Metrics).ShouldAllBe(m => m.Timestamp >= new DateTime(2026, 6, 21, 10, 0, 1, DateTimeKind.Utc) && m.Timestamp <= time.GetUtcNow().UtcDateTime);

        // Report by exception: the presses' counters and states are not in every message, but a press's power is.
        var pressData = data.Where(m => m.Topic.EndsWith("/press-line/press-1", StringComparison.Ordinal)).ToList();
        pressData.ShouldNotBeEmpty();
        pressData.ShouldContain(m => m.Payload.Metrics.Count < pressBirth.Metrics.Count);

        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            stop.CancelAfter(Timeout);
            await simulator.StopAsync(stop.Token);
        }

        await MqttObserver.WaitUntilAsync(() => observer.Of("NDEATH").Count == 6, "the node deaths", Timeout);
        observer.Of("DDEATH").Count.ShouldBe(deviceCount);
        _logs.Entries.ShouldNotContain(e => e.Level >= LogLevel.Error);
        _logs.Entries.ShouldContain(e => e.EventId.Id == 5000);
    }

    [Fact]
    public async Task Failures_and_repairs_are_logged_when_the_plant_runs_fast()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 21, 10, 0, 0, TimeSpan.Zero));
        await using var observer = new MqttObserver();
        await observer.ConnectAsync(_port, "nightshift", ct);
        var options = new PlantSimulatorOptions { Host = "127.0.0.1", Port = _port, Speed = 3600 * 6, PublishInterval = TimeSpan.FromSeconds(1) };
        await using var simulator = new PlantSimulator(options, time, _logs);
        using (var start = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            start.CancelAfter(Timeout);
            await simulator.StartAsync(start.Token);
        }

        // Each real second is six simulated hours: a day of failures and repairs in four ticks.
        for (var tick = 1; tick <= 4; tick++)
        {
            var before = simulator.PublishedBatches;
            time.Advance(TimeSpan.FromSeconds(1));
            await MqttObserver.WaitUntilAsync(() => simulator.PublishedBatches > before, $"tick {tick}", Timeout);
        }

        _logs.Entries.ShouldContain(e => e.EventId.Id == 5002);
        _logs.Entries.ShouldContain(e => e.EventId.Id == 5003);
        _logs.Entries.ShouldNotContain(e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public void A_speed_that_is_not_positive_is_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new PlantSimulator(new PlantSimulatorOptions { Speed = 0 }, TimeProvider.System, _logs));
        Should.Throw<ArgumentOutOfRangeException>(() => new PlantSimulator(new PlantSimulatorOptions { PublishInterval = TimeSpan.Zero }, TimeProvider.System, _logs));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
