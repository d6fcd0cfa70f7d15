using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Nightshift.Connectivity.Modbus;
using Nightshift.Core.Assets;
using Nightshift.Core.Ingest;

namespace Nightshift.Server.Connectors;

/// <summary>
/// Reads and checks connector documents (<see cref="ConnectorDocument"/>): JSON syntax, unknown fields, value types and
/// ranges, known kinds, tables, types and byte orders, unique names. Every error names its field as a path into the
/// document (<c>pollGroups[0].points[2].type: unknown type 'flaot32'</c>); all errors are reported, not only the first.
/// Pure and thread-safe; throws nothing for bad input.
/// </summary>
public static partial class ConnectorDocumentReader
{
    public const int MaxNameLength = 64;
    public const int MinIntervalMs = 10;
    public const int MaxIntervalMs = 86_400_000;
    public const string ModbusKind = "modbus";
    public const string OpcUaKind = "opcua";

    /// <summary>The JSON conventions of connector documents: camelCase fields, unknown fields refused.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Reads a document from JSON text and checks it.</summary>
    public static ConnectorReadResult Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        ConnectorDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<ConnectorDocument>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            return Failed(DescribeJsonError(e));
        }

        return document is null ? Failed("document: expected a JSON object") : Check(document);
    }

    /// <summary>Checks a document; on success returns it with its defaults filled, and its settings.</summary>
    public static ConnectorReadResult Check(ConnectorDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var errors = new List<string>();
        if (!IsValidName(document.Name))
        {
            errors.Add($"name: must be 1 to {MaxNameLength} letters, digits, '.', '-' or '_'");
        }

        if (document.Kind is null)
        {
            errors.Add($"kind: required (known: {ModbusKind}, {OpcUaKind})");
        }
        else if (string.Equals(document.Kind, OpcUaKind, StringComparison.OrdinalIgnoreCase))
        {
            return CheckOpcUa(document, errors);
        }
        else if (!string.Equals(document.Kind, ModbusKind, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"kind: unknown kind '{document.Kind}' (known: {ModbusKind}, {OpcUaKind})");
        }

        RefuseFieldsOf(OpcUaKind, errors, ("endpointUrl", document.EndpointUrl), ("security", document.Security), ("user", document.User), ("password", document.Password));
        if (string.IsNullOrWhiteSpace(document.Host))
        {
            errors.Add("host: required");
        }
        else if (Uri.CheckHostName(document.Host) == UriHostNameType.Unknown)
        {
            errors.Add($"host: '{document.Host}' is not a host name or address");
        }

        var port = document.Port ?? 502;
        if (port is < 1 or > 65535)
        {
            errors.Add($"port: {port} is outside 1..65535");
        }

        var (equipment, timeoutMs, minDelay, maxDelay, missed) = CheckCommon(document, ModbusKind, 2000, errors);

        var groups = CheckGroups(document.PollGroups, equipment is not null, errors);
        if (errors.Count > 0)
        {
            return new ConnectorReadResult(null, null, errors);
        }

        var filled = document with
        {
            Kind = ModbusKind,
            Enabled = document.Enabled ?? true,
            Port = port,
            TimeoutMs = timeoutMs,
            Watchdog = new ConnectorWatchdogDocument { MissedIntervals = missed },
            Reconnect = new ConnectorReconnectDocument { MinDelayMs = minDelay, MaxDelayMs = maxDelay },
        };
        var settings = new ConnectorSettings(
            document.Name!,
            filled.Enabled.Value,
            document.Host!,
            port,
            equipment,
            TimeSpan.FromMilliseconds(timeoutMs),
            TimeSpan.FromMilliseconds(minDelay),
            TimeSpan.FromMilliseconds(maxDelay),
            missed,
            groups);
        return new ConnectorReadResult(filled, settings, []);
    }

    /// <summary>The fields every kind has: equipment, request timeout, reconnect backoff and watchdog, defaults filled.</summary>
    private static (AssetPath? Equipment, int TimeoutMs, int MinDelay, int MaxDelay, int Missed) CheckCommon(ConnectorDocument document, string kind, int defaultTimeoutMs, List<string> errors)
    {
        var equipment = CheckEquipment(document.Equipment, kind, errors);
        var timeoutMs = document.TimeoutMs ?? defaultTimeoutMs;
        if (timeoutMs is < 10 or > 60_000)
        {
            errors.Add($"timeoutMs: {timeoutMs} is outside 10..60000");
        }

        var minDelay = document.Reconnect?.MinDelayMs ?? 200;
        var maxDelay = document.Reconnect?.MaxDelayMs ?? 30_000;
        if (minDelay is < 10 or > 3_600_000)
        {
            errors.Add($"reconnect.minDelayMs: {minDelay} is outside 10..3600000");
        }

        if (maxDelay < minDelay || maxDelay > 3_600_000)
        {
            errors.Add($"reconnect.maxDelayMs: {maxDelay} must be at least minDelayMs ({minDelay}) and at most 3600000");
        }

        var missed = document.Watchdog?.MissedIntervals ?? 3;
        if (missed is < 0 or > 1000)
        {
            errors.Add($"watchdog.missedIntervals: {missed} is outside 0..1000 (0 turns the watchdog off)");
        }

        return (equipment, timeoutMs, minDelay, maxDelay, missed);
    }

    /// <summary>Reports each field that is set although it belongs to another kind of connector.</summary>
    private static void RefuseFieldsOf(string otherKind, List<string> errors, params (string Field, object? Value)[] fields)
    {
        foreach (var (field, value) in fields)
        {
            if (value is not null)
            {
                errors.Add($"{field}: only for kind {otherKind}");
            }
        }
    }

    /// <summary>The document as JSON text, as stored and returned by the API.</summary>
    public static string Write(ConnectorDocument document) => JsonSerializer.Serialize(document, JsonOptions);

    /// <summary>True when <paramref name="name"/> is a valid connector name.</summary>
    public static bool IsValidName(string? name) =>
        name is { Length: > 0 and <= MaxNameLength } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

    private static ConnectorReadResult Failed(string error) => new(null, null, [error]);

    private static string DescribeJsonError(JsonException e)
    {
        var path = FieldPath(e.Path);
        var message = e.Message;
        var mapped = message.IndexOf("could not be mapped", StringComparison.Ordinal);
        if (mapped > 0)
        {
            // "The JSON property 'adress' could not be mapped to any .NET member contained in type ..."
            var start = message.IndexOf('\'', StringComparison.Ordinal);
            var end = start >= 0 ? message.IndexOf('\'', start + 1) : -1;
            var field = start >= 0 && end > start ? message[(start + 1)..end] : "?";
            var prefix = path.Length == 0 || path.EndsWith(field, StringComparison.Ordinal) ? path : path + "." + field;
            return $"{(prefix.Length == 0 ? field : prefix)}: unknown field";
        }

        if (e.Path is null)
        {
            return $"document: not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1})";
        }

        return $"{(path.Length == 0 ? "document" : path)}: wrong type or malformed value (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1})";
    }

    private static string FieldPath(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath))
        {
            return string.Empty;
        }

        var path = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        return path;
    }

    private static AssetPath? CheckEquipment(string? equipment, string kind, List<string> errors)
    {
        if (equipment is null)
        {
            return null;
        }

        if (!AssetPath.TryParse(equipment, out var path, out var error) || path.Depth == 0)
        {
            errors.Add($"equipment: {error ?? "must not be empty"}");
            return null;
        }

        // Bound connectors feed the equipment through the source address rule ({kind}/{equipment path}).
        if (!string.Equals(Normalizer.DiscoveredPath(kind + "/" + path.Value).Value, path.Value, StringComparison.Ordinal))
        {
            errors.Add($"equipment: '{equipment}' cannot be addressed by a connector");
            return null;
        }

        return path;
    }

    private static List<ModbusPollGroup> CheckGroups(IReadOnlyList<ConnectorPollGroupDocument>? groups, bool bound, List<string> errors)
    {
        var pointNames = new HashSet<(int Unit, string Name)>();
        return [.. WalkGroups(
            groups,
            (document, field) =>
            {
                var point = CheckPoint(document, field, errors);
                if (point is null)
                {
                    return null;
                }

                // Bound to one equipment, every point becomes a tag of it: names must be unique across units too.
                if (!pointNames.Add((bound ? 0 : point.UnitId, point.Name)))
                {
                    errors.Add(bound
                        ? Invariant($"{field}.name: '{point.Name}' is used by another point of this equipment")
                        : Invariant($"{field}.name: '{point.Name}' is used by another point of unit {point.UnitId}"));
                    return null;
                }

                return point;
            },
            errors).Select(g => new ModbusPollGroup(g.Name, g.Interval, g.Points))];
    }

    /// <summary>
    /// Checks the poll groups of any kind: at least one, names valid and unique, intervals in range, at least one point
    /// each; every point goes to <paramref name="checkPoint"/> (null: refused, its errors reported). Returns the groups
    /// with a valid interval and at least one accepted point.
    /// </summary>
    private static List<(string Name, TimeSpan Interval, List<T> Points)> WalkGroups<T>(
        IReadOnlyList<ConnectorPollGroupDocument>? groups, Func<ConnectorPointDocument?, string, T?> checkPoint, List<string> errors)
        where T : class
    {
        var result = new List<(string, TimeSpan, List<T>)>();
        if (groups is null || groups.Count == 0)
        {
            errors.Add("pollGroups: at least one poll group is required");
            return result;
        }

        var groupNames = new HashSet<string>(StringComparer.Ordinal);
        for (var g = 0; g < groups.Count; g++)
        {
            var field = Invariant($"pollGroups[{g}]");
            var group = groups[g];
            if (group is null)
            {
                errors.Add($"{field}: expected an object");
                continue;
            }

            if (!IsValidName(group.Name))
            {
                errors.Add($"{field}.name: must be 1 to {MaxNameLength} letters, digits, '.', '-' or '_'");
            }
            else if (!groupNames.Add(group.Name!))
            {
                errors.Add($"{field}.name: '{group.Name}' is used by another poll group");
            }

            var interval = group.IntervalMs;
            if (interval is null or < MinIntervalMs or > MaxIntervalMs)
            {
                errors.Add(interval is null
                    ? $"{field}.intervalMs: required"
                    : Invariant($"{field}.intervalMs: {interval} is outside {MinIntervalMs}..{MaxIntervalMs}"));
            }

            var points = new List<T>();
            if (group.Points is null || group.Points.Count == 0)
            {
                errors.Add($"{field}.points: at least one point is required");
            }
            else
            {
                for (var p = 0; p < group.Points.Count; p++)
                {
                    if (checkPoint(group.Points[p], Invariant($"{field}.points[{p}]")) is { } point)
                    {
                        points.Add(point);
                    }
                }
            }

            if (points.Count > 0 && interval is >= MinIntervalMs and <= MaxIntervalMs)
            {
                result.Add((group.Name ?? "group", TimeSpan.FromMilliseconds(interval.Value), points));
            }
        }

        return result;
    }

    /// <summary>A point's name becomes a tag name: valid, without '.' or '/'.</summary>
    private static void CheckPointName(string? name, string field, List<string> errors)
    {
        string? nameError = null;
        if (name is null || !TagPath.IsValidTagName(name, out nameError))
        {
            errors.Add($"{field}.name: {nameError ?? "required"}");
        }
        else if (name.Contains('.', StringComparison.Ordinal) || name.Contains('/', StringComparison.Ordinal))
        {
            errors.Add($"{field}.name: '{name}' must not contain '.' or '/'");
        }
    }

    private static ModbusPoint? CheckPoint(ConnectorPointDocument? document, string field, List<string> errors)
    {
        if (document is null)
        {
            errors.Add($"{field}: expected an object");
            return null;
        }

        var before = errors.Count;
        CheckPointName(document.Name, field, errors);
        RefuseFieldsOf(OpcUaKind, errors, ($"{field}.nodeId", document.NodeId), ($"{field}.deadband", document.Deadband));

        var unit = document.Unit ?? 1;
        if (unit is < 0 or > 255)
        {
            errors.Add(Invariant($"{field}.unit: {unit} is outside 0..255"));
        }

        ModbusTable? table = document.Table?.ToLowerInvariant() switch
        {
            null => null,
            "coil" or "coils" => ModbusTable.Coil,
            "discrete" or "discreteinput" or "discrete-input" => ModbusTable.DiscreteInput,
            "input" or "inputregister" or "input-register" => ModbusTable.InputRegister,
            "holding" or "holdingregister" or "holding-register" => ModbusTable.HoldingRegister,
            _ => null,
        };
        if (table is null)
        {
            errors.Add(document.Table is null
                ? $"{field}.table: required (coil, discrete, input or holding)"
                : $"{field}.table: unknown table '{document.Table}' (coil, discrete, input or holding)");
        }

        if (document.Address is not { } address)
        {
            errors.Add($"{field}.address: required (zero-based, as on the wire)");
        }
        else if (address is < 0 or > 65535)
        {
            errors.Add(Invariant($"{field}.address: {address} is outside 0..65535"));
        }

        ModbusDataType? type = document.Type?.ToLowerInvariant() switch
        {
            null => null,
            "int16" => ModbusDataType.Int16,
            "uint16" => ModbusDataType.UInt16,
            "int32" => ModbusDataType.Int32,
            "uint32" => ModbusDataType.UInt32,
            "float32" => ModbusDataType.Float32,
            "float64" => ModbusDataType.Float64,
            "bit" => ModbusDataType.Bit,
            "bool" => ModbusDataType.Bool,
            _ => null,
        };
        if (type is null)
        {
            errors.Add(document.Type is null
                ? $"{field}.type: required (int16, uint16, int32, uint32, float32, float64, bit or bool)"
                : $"{field}.type: unknown type '{document.Type}' (int16, uint16, int32, uint32, float32, float64, bit or bool)");
        }

        ModbusByteOrder? order = document.ByteOrder?.ToUpperInvariant() switch
        {
            null or "ABCD" => ModbusByteOrder.ABCD,
            "CDAB" => ModbusByteOrder.CDAB,
            "BADC" => ModbusByteOrder.BADC,
            "DCBA" => ModbusByteOrder.DCBA,
            _ => null,
        };
        if (order is null)
        {
            errors.Add($"{field}.byteOrder: unknown byte order '{document.ByteOrder}' (ABCD, CDAB, BADC or DCBA)");
        }

        if (document.Bit is not null && type is not null && type != ModbusDataType.Bit)
        {
            errors.Add($"{field}.bit: only points of type bit have a bit");
        }
        else if (document.Bit is < 0 or > 15)
        {
            errors.Add(Invariant($"{field}.bit: {document.Bit} is outside 0..15"));
        }

        var scale = document.Scale ?? 1;
        var offset = document.Offset ?? 0;
        if (scale == 0 || !double.IsFinite(scale))
        {
            errors.Add($"{field}.scale: must be finite and not zero");
        }

        if (!double.IsFinite(offset))
        {
            errors.Add($"{field}.offset: must be finite");
        }

        if (document.EngUnit is { Length: > 32 })
        {
            errors.Add($"{field}.engUnit: at most 32 characters");
        }

        if (errors.Count > before)
        {
            return null;
        }

        var point = new ModbusPoint(document.Name!, (byte)unit, table!.Value, (ushort)document.Address!.Value, type!.Value)
        {
            ByteOrder = order!.Value,
            Bit = document.Bit ?? 0,
            Scale = scale,
            Offset = offset,
            Unit = string.IsNullOrWhiteSpace(document.EngUnit) ? null : document.EngUnit,
        };
        try
        {
            point.Validate();
        }
        catch (ArgumentException e)
        {
            errors.Add($"{field}: {DescribeInvalid(point, e)}");
            return null;
        }

        return point;
    }

    private static string DescribeInvalid(ModbusPoint point, ArgumentException e) => e.ParamName switch
    {
        nameof(ModbusPoint.DataType) => point.IsBitTable
            ? $"type: the {point.Table} table holds bool points only"
            : "type: bool points live in the coil or discrete table",
        nameof(ModbusPoint.Address) => "address: the value runs past address 65535",
        _ => e.Message,
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
