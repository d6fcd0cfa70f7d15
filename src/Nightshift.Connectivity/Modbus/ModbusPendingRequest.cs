namespace Nightshift.Connectivity.Modbus;

/// <summary>A request waiting in the queue of a <see cref="ModbusTcpClient"/>, with the caller's completion. Thread-safe.</summary>
internal sealed class ModbusPendingRequest(ModbusRequest request, CancellationToken cancellationToken)
{
    private readonly TaskCompletionSource<ModbusResponse> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ModbusRequest Request { get; } = request;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public Task<ModbusResponse> Task => _completion.Task;

    public void Complete(ModbusResponse response) => _completion.TrySetResult(response);

    public void Fail(Exception exception) => _completion.TrySetException(exception);

    public void Cancel(CancellationToken token) => _completion.TrySetCanceled(token);
}
