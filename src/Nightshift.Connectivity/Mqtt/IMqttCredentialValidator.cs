namespace Nightshift.Connectivity.Mqtt;

/// <summary>
/// Checks the credentials of a connecting MQTT client. Returns the principal (with its tenant) when they are valid,
/// null to refuse the connection. Implementations are thread-safe; they throw only on cancellation or when the
/// credential store fails (the connection is then refused as well).
/// </summary>
public interface IMqttCredentialValidator
{
    ValueTask<MqttPrincipal?> ValidateAsync(string clientId, string? username, string? password, CancellationToken ct);
}
