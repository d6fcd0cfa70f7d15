namespace Nightshift.Connectivity.Mqtt;

/// <summary>Who an authenticated MQTT client is: its tenant and a name (e.g. the API key name). Immutable.</summary>
public sealed record MqttPrincipal(string Tenant, string Name);
