namespace Nightshift.Connectivity.Modbus;

/// <summary>The one request a <see cref="ModbusConnection"/> waits a response for, by transaction id. Thread-safe.</summary>
internal sealed class ModbusExpectedResponse(ushort transactionId, ModbusRequest request)
{
    public ushort TransactionId { get; } = transactionId;

    public ModbusRequest Request { get; } = request;

    public TaskCompletionSource<ModbusResponse> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
