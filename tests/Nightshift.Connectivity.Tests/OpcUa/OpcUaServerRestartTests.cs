using System.Collections.Concurrent;
using Nightshift.Connectivity.OpcUa.Client;
using Nightshift.Connectivity.OpcUa.Types;
using Nightshift.Connectivity.Tests.Support;

namespace Nightshift.Connectivity.Tests.OpcUa;

/// <summary>The OPC UA client while its node-opcua server is killed and started again on the same port.</summary>
public sealed class OpcUaServerRestartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_a_server_restart_the_client_recreates_its_session_and_subscription_and_resumes_without_duplicates()
    {
        if (Environment.GetEnvironmentVariable("NIGHTSHIFT_OPCUA_ENDPOINT") is not null)
        {
            Assert.Skip("An external server cannot be restarted by the test.");
        }

        await using var server = await NodeOpcUaServer.StartAsync();
        var states = new ConcurrentQueue<OpcUaConnectionState>();
        var options = new OpcUaClientOptions
        {
            ReconnectDelay = TimeSpan.FromMilliseconds(100),
            MaxReconnectDelay = TimeSpan.FromSeconds(1),
            StateChanged = states.Enqueue,
        };
        var logs = new TextLogger<OpcUaClient>();
        await using var client = await OpcUaClient.ConnectAsync(server.EndpointUrl, options, logger: logs, cancellationToken: Ct);
        var delivered = new ConcurrentQueue<DataValue>();
        await using var subscription = await client.SubscribeAsync(
            [new MonitoredItemDefinition(NodeId.FromString(1, "Counter")) { SamplingIntervalMs = 0, QueueSize = 100 }, new MonitoredItemDefinition(NodeId.FromString(1, "Scalar.Double"))],
            (changes, _) =>
            {
                foreach (var change in changes.Where(c => c.Item.NodeId.Text == "Counter"))
                {
                    delivered.Enqueue(change.Value);
                }

                return ValueTask.CompletedTask;
            },
            new SubscriptionOptions { PublishingInterval = TimeSpan.FromMilliseconds(100) },
            Ct);
        await Eventually.HoldsAsync(() => delivered.Count >= 5, "counter values arrive before the restart");
        var sessionBefore = client.SessionId;

        await server.KillAsync();
        await Eventually.HoldsAsync(() => client.State == OpcUaConnectionState.Reconnecting, "the client noticed the loss");
        var beforeRestart = delivered.Count;
        await server.RestartAsync();
        var readyAt = DateTime.UtcNow;
        try
        {
            await Eventually.HoldsAsync(() => client.Reconnects == 1 && client.State == OpcUaConnectionState.Connected, "the client reconnected", TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} (server ready at {readyAt:HH:mm:ss.fff}); log:\n{logs.Text}", e);
        }

        await Eventually.HoldsAsync(() => delivered.Count >= beforeRestart + 10, "counter values arrive after the restart", TimeSpan.FromSeconds(20));

        client.SessionId.ShouldNotBe(sessionBefore);
        subscription.Items.ShouldAllBe(i => i.Status.IsGood);
        states.ShouldContain(OpcUaConnectionState.Reconnecting);
        (await client.ReadValueAsync(NodeId.FromString(1, "Scalar.Double"), Ct)).Status.IsGood.ShouldBeTrue();
        var values = delivered.ToArray();
        values.Select(v => (v.SourceTimestamp, v.Value)).ShouldBeUnique("no value is delivered twice");
        var counters = values.Select(v => (int)v.Value.Value!).ToArray();
        // The restarted server counts from 0 again: one break where the new series starts, consecutive values on each side.
        var breaks = Enumerable.Range(1, counters.Length - 1).Where(i => counters[i] - counters[i - 1] != 1).ToList();
        breaks.Count.ShouldBeLessThanOrEqualTo(1, $"values are consecutive on each side of the restart: {string.Join(",", counters)}");
        breaks.ShouldAllBe(i => i >= beforeRestart - 1, $"the break is where the restart happened: {string.Join(",", counters)}");
        logs.Errors.ShouldBeEmpty();
    }
}
