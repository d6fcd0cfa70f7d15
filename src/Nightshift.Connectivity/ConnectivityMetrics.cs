using System.Diagnostics.Metrics;

namespace Nightshift.Connectivity;

/// <summary>
/// The meter of the connectivity layer, "Nightshift.Connectivity", and its counters:
/// <c>nightshift.ingest.errors</c> (tag <c>kind</c>: one of the constants below),
/// <c>nightshift.mqtt.messages</c> (PUBLISH packets received by the broker) and
/// <c>nightshift.ingest.points</c> (values delivered to the ingest sink, tag <c>protocol</c>). Thread-safe.
/// </summary>
public static class ConnectivityMetrics
{
    public const string MeterName = "Nightshift.Connectivity";

    public const string SparkplugMalformedPayload = "sparkplug_malformed_payload";
    public const string SparkplugUnknownAlias = "sparkplug_unknown_alias";
    public const string SparkplugSequenceGap = "sparkplug_sequence_gap";
    public const string SparkplugNoBirth = "sparkplug_no_birth";
    public const string SparkplugUnsupportedMetric = "sparkplug_unsupported_metric";
    public const string SparkplugDroppedAwaitingRebirth = "sparkplug_dropped_awaiting_rebirth";
    public const string MqttBadTopic = "mqtt_bad_topic";
    public const string MqttOversizedPayload = "mqtt_oversized_payload";
    public const string MqttAuthRefused = "mqtt_auth_refused";
    public const string MqttNotAuthorized = "mqtt_not_authorized";
    public const string JsonInvalid = "json_invalid";
    public const string ModbusMalformedResponse = "modbus_malformed_response";
    public const string ModbusStrayResponse = "modbus_stray_response";
    public const string ModbusExceptionResponse = "modbus_exception_response";
    public const string ModbusTimeout = "modbus_timeout";
    public const string ModbusNotConnected = "modbus_not_connected";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Errors = Meter.CreateCounter<long>("nightshift.ingest.errors", description: "Bad input refused or dropped, by kind.");
    private static readonly Counter<long> Messages = Meter.CreateCounter<long>("nightshift.mqtt.messages", description: "PUBLISH packets received by the embedded broker.");
    private static readonly Counter<long> Points = Meter.CreateCounter<long>("nightshift.ingest.points", description: "Values delivered to the ingest pipeline, by protocol.");

    /// <summary>Counts one error of <paramref name="kind"/>.</summary>
    public static void Error(string kind, long count = 1) =>
        Errors.Add(count, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>Counts one MQTT message received by the broker.</summary>
    public static void Message() => Messages.Add(1);

    /// <summary>Counts values delivered to the ingest sink.</summary>
    public static void IngestedPoints(string protocol, long count) =>
        Points.Add(count, new KeyValuePair<string, object?>("protocol", protocol));
}
