using Nightshift.Connectivity.Modbus;

namespace Nightshift.Connectivity.Tests.Modbus;

/// <summary>The client against faults a real server cannot be made to produce, from a scripted TCP peer.</summary>
public sealed class ModbusTcpClientFaultTests
{
    private static readonly ModbusRequest Read = ModbusRequest.ReadHoldingRegisters(1, 0, 1);

    [Fact]
    public async Task A_response_with_another_transaction_id_is_dropped_and_the_right_one_taken()
    {
        await using var server = new ScriptedModbusServer((request, _) =>
        [
            ScriptedModbusServer.Frame((ushort)(ScriptedModbusServer.TransactionId(request) + 100), 1, [0x03, 0x02, 0x00, 0x01]),
            ScriptedModbusServer.Registers(request, 42),
        ]);
        await using var client = Client(server.Port);

        var response = await client.SendAsync(Read, TestContext.Current.CancellationToken);

        response.GetRegister(0).ShouldBe((ushort)42);
    }

    [Fact]
    public async Task A_request_without_a_response_times_out_and_a_late_response_does_not_answer_the_next_request()
    {
        byte[]? late = null;
        await using var server = new ScriptedModbusServer((request, index) =>
        {
            if (index == 0)
            {
                late = ScriptedModbusServer.Registers(request, 1);
                return [];
            }

            return [late!, ScriptedModbusServer.Registers(request, 2)];
        });
        await using var client = Client(server.Port);

        await Should.ThrowAsync<TimeoutException>(() => client.SendAsync(Read, TestContext.Current.CancellationToken));
        var response = await client.SendAsync(Read, TestContext.Current.CancellationToken);

        response.GetRegister(0).ShouldBe((ushort)2);
        server.ConnectionCount.ShouldBe(1);
    }

    [Fact]
    public async Task A_response_to_another_function_fails_that_request_only()
    {
        await using var server = new ScriptedModbusServer((request, index) => index == 0
            ? [ScriptedModbusServer.Frame(ScriptedModbusServer.TransactionId(request), 1, [0x04, 0x02, 0x00, 0x01])]
            : [ScriptedModbusServer.Registers(request, 7)]);
        await using var client = Client(server.Port);

        await Should.ThrowAsync<ModbusFormatException>(() => client.SendAsync(Read, TestContext.Current.CancellationToken));
        (await client.SendAsync(Read, TestContext.Current.CancellationToken)).GetRegister(0).ShouldBe((ushort)7);
        server.ConnectionCount.ShouldBe(1);
    }

    [Fact]
    public async Task A_broken_header_closes_the_connection_and_the_next_request_reconnects()
    {
        await using var server = new ScriptedModbusServer((request, index) => index == 0
            ? [[0x00, 0x01, 0x00, 0x07, 0x00, 0x03, 0x01, 0x03, 0x00]]
            : [ScriptedModbusServer.Registers(request, 9)]);
        await using var client = Client(server.Port);

        await Should.ThrowAsync<IOException>(() => client.SendAsync(Read, TestContext.Current.CancellationToken));
        (await client.SendAsync(Read, TestContext.Current.CancellationToken)).GetRegister(0).ShouldBe((ushort)9);
        server.ConnectionCount.ShouldBe(2);
    }

    [Fact]
    public async Task After_a_failed_connection_requests_fail_at_once_until_the_backoff_has_passed()
    {
        var port = FreePort.Next();
        await using var client = new ModbusTcpClient(new ModbusTcpClientOptions
        {
            Host = "127.0.0.1",
            Port = port,
            ReconnectDelay = TimeSpan.FromMinutes(1),
            MaxReconnectDelay = TimeSpan.FromMinutes(1),
        });

        var refused = await Should.ThrowAsync<IOException>(() => client.SendAsync(Read, TestContext.Current.CancellationToken));
        var waiting = await Should.ThrowAsync<IOException>(() => client.SendAsync(Read, TestContext.Current.CancellationToken));

        refused.Message.ShouldContain("Could not connect");
        waiting.Message.ShouldContain("next attempt in");
        client.IsConnected.ShouldBeFalse();
    }

    private static ModbusTcpClient Client(int port) => new(new ModbusTcpClientOptions
    {
        Host = "127.0.0.1",
        Port = port,
        RequestTimeout = TimeSpan.FromSeconds(1),
        ReconnectDelay = TimeSpan.FromMilliseconds(10),
    });
}
