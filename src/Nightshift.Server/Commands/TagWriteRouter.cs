using Microsoft.Extensions.Logging;
using Nightshift.Core.Assets;
using Nightshift.Core.Samples;
using Nightshift.Server.Connectors;
using Nightshift.Server.Ingest;
using Nightshift.Server.Mqtt;
using Nightshift.Twins.Equipment;

namespace Nightshift.Server.Commands;

/// <summary>
/// The node's <see cref="ITagWriter"/>: checks that the tag is declared <c>writable</c> on the equipment's asset type,
/// then sends the value the way the equipment's source is reached — a Sparkplug DCMD (or NCMD for an edge node's own
/// metric) through the embedded broker's host application for <c>spBv1.0/…</c> sources, a Modbus write or an OPC UA Write
/// (each read back) through the connector that reads the point for <c>modbus/…</c> and <c>opcua/…</c> sources. Thread-safe.
/// </summary>
public sealed partial class TagWriteRouter(
    PlantCatalog catalog,
    MqttIngestService mqtt,
    ConnectorManager connectors,
    ILogger<TagWriteRouter> logger) : ITagWriter
{
    private const string SparkplugPrefix = "spBv1.0/";
    private const string ModbusPrefix = ConnectorDocumentReader.ModbusKind + "/";
    private const string OpcUaPrefix = ConnectorDocumentReader.OpcUaKind + "/";

    public async ValueTask WriteAsync(string tenant, string equipmentPath, string tag, SampleValue value, CancellationToken cancellationToken)
    {
        var path = AssetPath.Parse(equipmentPath);
        var model = catalog.Get(tenant);
        var equipment = model?.Find(path);
        if (equipment is not { Kind: AssetKind.Equipment })
        {
            throw new TagWriteException($"there is no equipment {equipmentPath}");
        }

        var definition = model!.FindType(equipment.TypeName)?.Tags.FirstOrDefault(t => string.Equals(t.Name, tag, StringComparison.Ordinal));
        if (definition is null)
        {
            throw new TagWriteException($"{equipmentPath} has no tag {tag}");
        }

        if (!definition.Writable)
        {
            throw new TagWriteException($"tag {tag} of {equipmentPath} is not writable (its asset type must declare it with writable: true)");
        }

        var converted = Convert(value, definition);
        // Equipment without a source of its own is fed by a connector bound to it (source {kind}/{path}).
        var source = equipment.Source ?? connectors.BoundSourceOf(tenant, path) ?? throw new TagWriteException($"no connector feeds {equipmentPath}");
        LogRouting(logger, tenant, equipmentPath, tag, source);
        if (source.StartsWith(SparkplugPrefix, StringComparison.Ordinal))
        {
            await WriteSparkplugAsync(tenant, source, tag, converted, cancellationToken).ConfigureAwait(false);
        }
        else if (source.StartsWith(ModbusPrefix, StringComparison.Ordinal) || source.StartsWith(OpcUaPrefix, StringComparison.Ordinal))
        {
            await WriteThroughConnectorAsync(tenant, source, tag, converted, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            throw new TagWriteException($"writes to sources like {source} are not supported (Sparkplug B, Modbus and OPC UA connectors are)");
        }
    }

    /// <summary>The value in the tag's data type: a command sent as 181 for a double set point is 181.0.</summary>
    private static SampleValue Convert(SampleValue value, TagDefinition definition)
    {
        try
        {
            return definition.DataType switch
            {
                TagDataType.Double when value.IsNumeric => SampleValue.FromDouble(value.AsDouble()),
                TagDataType.Long when value.IsNumeric && value.AsDouble() == Math.Floor(value.AsDouble()) => SampleValue.FromLong((long)value.AsDouble()),
                TagDataType.Bool when value.Kind == ValueKind.Bool => value,
                TagDataType.String when value.Kind == ValueKind.String => value,
                _ => throw new TagWriteException($"tag {definition.Name} takes a {definition.DataType.ToString().ToLowerInvariant()} value, not {value}"),
            };
        }
        catch (InvalidCastException ex)
        {
            throw new TagWriteException($"tag {definition.Name} cannot take {value}", ex);
        }
    }

    private async Task WriteSparkplugAsync(string tenant, string source, string tag, SampleValue value, CancellationToken cancellationToken)
    {
        var host = mqtt.Broker?.Host ?? throw new TagWriteException("the MQTT broker is not running");
        var parts = source[SparkplugPrefix.Length..].Split('/');
        if (parts.Length is not (2 or 3))
        {
            throw new TagWriteException($"source {source} is not a Sparkplug edge node or device address");
        }

        try
        {
            await host.WriteAsync(tenant, parts[0], parts[1], parts.Length == 3 ? parts[2] : null, tag, value, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            throw new TagWriteException(ex.Message, ex);
        }
    }

    private async Task WriteThroughConnectorAsync(string tenant, string source, string tag, SampleValue value, CancellationToken cancellationToken)
    {
        try
        {
            if (!await connectors.WriteAsync(tenant, source, tag, value, cancellationToken).ConfigureAwait(false))
            {
                throw new TagWriteException($"no connector reads {tag} of {source}");
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            throw new TagWriteException(ex.Message, ex);
        }
    }

    [LoggerMessage(EventId = 4400, Level = LogLevel.Information, Message = "Write to {Tenant}/{Path}.{Tag} sent through {Source}")]
    private static partial void LogRouting(ILogger logger, string tenant, string path, string tag, string source);
}
