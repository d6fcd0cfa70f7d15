using Microsoft.Extensions.Logging.Abstractions;
using Nightshift.Connectivity.Modbus;
using Nightshift.Core.Samples;
using Nightshift.Server.Connectors;

namespace Nightshift.Server.Tests.Connectors;

public sealed class ConnectorRuntimeTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private static ConnectorSettings Settings(int port, string? equipment = null, int missedIntervals = 3) =>
        ConnectorDocumentReader.Read($$"""
            {"name":"gw","kind":"modbus","host":"127.0.0.1","port":{{port}},"timeoutMs":50,
             {{(equipment is null ? string.Empty : $"\"equipment\":\"{equipment}\",")}}
             "reconnect":{"minDelayMs":20,"maxDelayMs":100},"watchdog":{"missedIntervals":{{missedIntervals}}},
             "pollGroups":[{"name":"fast","intervalMs":30,"points":[
               {"name":"power","unit":1,"table":"holding","address":0,"type":"float32","engUnit":"kW"},
               {"name":"count","unit":2,"table":"holding","address":0,"type":"uint16"}]}]}
            """).Settings.ShouldNotBeNull();

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("timed out waiting until " + what);
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task The_watchdog_reconnects_an_open_connection_that_answers_nothing()
    {
        await using var server = new SilentModbusServer();
        var sink = new RecordingIngestSink();
        await using var runtime = new ConnectorRuntime("acme", Settings(server.Port), sink, TimeProvider.System, NullLoggerFactory.Instance);

        runtime.Start();

        await UntilAsync(() => runtime.Status.Reconnects >= 2 && server.Accepted >= 3, "the watchdog reconnected twice");
        var status = runtime.Status;
        status.State.ShouldBeOneOf(ConnectorState.Faulted, ConnectorState.Connecting);
        status.Errors.ShouldBeGreaterThan(0);
        status.Points.ShouldBe(0);
        status.LastDataTime.ShouldBeNull();
        sink.Statuses.ShouldContain(s => !s.Online && s.Quality == ModbusQuality.BadTimeout);
    }

    [Fact]
    public async Task Without_a_watchdog_a_silent_connection_is_kept()
    {
        await using var server = new SilentModbusServer();
        var sink = new RecordingIngestSink();
        await using var runtime = new ConnectorRuntime("acme", Settings(server.Port, missedIntervals: 0), sink, TimeProvider.System, NullLoggerFactory.Instance);

        runtime.Start();

        await UntilAsync(() => runtime.Status.Requests >= 12, "a dozen requests timed out");
        runtime.Status.Reconnects.ShouldBe(0);
        server.Accepted.ShouldBe(1);
        runtime.Status.State.ShouldBe(ConnectorState.Faulted);
        runtime.Status.LastError.ShouldNotBeNull().ShouldContain("no response");
    }

    [Fact]
    public async Task A_connector_bound_to_equipment_delivers_every_unit_as_one_source_and_stopping_takes_it_offline()
    {
        var port = FreePort.Next();
        var sink = new RecordingIngestSink();
        var runtime = new ConnectorRuntime("acme", Settings(port, "plant/hall/press-1"), sink, TimeProvider.System, NullLoggerFactory.Instance);
        runtime.Status.State.ShouldBe(ConnectorState.Disabled);

        runtime.Start();
        await UntilAsync(() => sink.Batches.Count >= 4 && runtime.Status.State == ConnectorState.Faulted, "rounds without a connection");
        await runtime.StopAsync(TestContext.Current.CancellationToken);

        sink.Batches.ShouldAllBe(b => b.Source == "modbus/plant/hall/press-1" && b.Tenant == "acme");
        sink.Batches.SelectMany(b => b.Points).ShouldAllBe(p => p.Quality == Quality.BadNotConnected);
        sink.Described.ShouldAllBe(d => d.Source == "modbus/plant/hall/press-1" && d.Metrics.Count == 2);
        sink.Statuses.ShouldAllBe(s => s.Source == "modbus/plant/hall/press-1" && !s.Online);
        sink.Statuses[^1].Quality.ShouldBe(Quality.BadOutOfService);
        runtime.Status.State.ShouldBe(ConnectorState.Disabled);
        runtime.Status.LastError.ShouldNotBeNull().ShouldContain("no connection to 127.0.0.1:" + port);
        await runtime.DisposeAsync();
    }
}
