using Nightshift.Connectivity.OpcUa.Security;
using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Server.Connectors;

/// <summary>The rules of OPC UA connector documents (kind <c>opcua</c>).</summary>
public static partial class ConnectorDocumentReader
{
    /// <summary>How the API shows a stored password; a document sent back with it keeps the stored one.</summary>
    public const string PasswordMask = "********";

    /// <summary>The most monitored items one OPC UA connector may have.</summary>
    public const int MaxOpcUaItems = 100_000;

    /// <summary>The document with its password, if any, replaced by <see cref="PasswordMask"/>: how the API, the page and the audit log show it.</summary>
    public static ConnectorDocument Masked(ConnectorDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.Password is null ? document : document with { Password = PasswordMask };
    }

    private static ConnectorReadResult CheckOpcUa(ConnectorDocument document, List<string> errors)
    {
        RefuseFieldsOf(ModbusKind, errors, ("host", document.Host), ("port", document.Port));
        var endpoint = document.EndpointUrl;
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            errors.Add("endpointUrl: required (opc.tcp://host:port/path)");
        }
        else if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme != "opc.tcp" || string.IsNullOrEmpty(uri.Host))
        {
            errors.Add($"endpointUrl: '{endpoint}' is not an opc.tcp://host:port/path URL");
        }

        var (mode, policy) = CheckSecurity(document.Security, errors);
        if (document.Password is not null && document.User is null)
        {
            errors.Add("password: only with user");
        }
        else if (document.User is { } user && (user.Length is 0 or > 256 || document.Password is null))
        {
            errors.Add(document.Password is null ? "password: required with user" : "user: 1 to 256 characters");
        }

        var (equipment, timeoutMs, minDelay, maxDelay, missed) = CheckCommon(document, OpcUaKind, 10_000, errors);
        var groups = CheckOpcUaGroups(document.PollGroups, errors);
        if (errors.Count > 0)
        {
            return new ConnectorReadResult(null, null, errors);
        }

        var filled = document with
        {
            Kind = OpcUaKind,
            Enabled = document.Enabled ?? true,
            TimeoutMs = timeoutMs,
            Security = new ConnectorSecurityDocument { Mode = mode.ToString(), Policy = policy == NoSecurity.Uri ? "None" : "Basic256Sha256" },
            Watchdog = new ConnectorWatchdogDocument { MissedIntervals = missed },
            Reconnect = new ConnectorReconnectDocument { MinDelayMs = minDelay, MaxDelayMs = maxDelay },
        };
        var uriHost = new Uri(endpoint!);
        var settings = new ConnectorSettings(
            document.Name!,
            filled.Enabled.Value,
            uriHost.Host,
            uriHost.Port,
            equipment,
            TimeSpan.FromMilliseconds(timeoutMs),
            TimeSpan.FromMilliseconds(minDelay),
            TimeSpan.FromMilliseconds(maxDelay),
            missed,
            [],
            OpcUaKind,
            new OpcUaConnectorSettings(endpoint!, mode, policy, document.User, document.Password, groups));
        return new ConnectorReadResult(filled, settings, []);
    }

    private static (MessageSecurityMode Mode, string PolicyUri) CheckSecurity(ConnectorSecurityDocument? security, List<string> errors)
    {
        MessageSecurityMode? mode = security?.Mode?.ToLowerInvariant() switch
        {
            null or "none" => MessageSecurityMode.None,
            "sign" => MessageSecurityMode.Sign,
            "signandencrypt" => MessageSecurityMode.SignAndEncrypt,
            _ => null,
        };
        if (mode is null)
        {
            errors.Add($"security.mode: unknown mode '{security!.Mode}' (None, Sign, SignAndEncrypt)");
            return (MessageSecurityMode.None, NoSecurity.Uri);
        }

        var policy = security?.Policy?.ToLowerInvariant() switch
        {
            null => mode == MessageSecurityMode.None ? NoSecurity.Uri : Basic256Sha256Security.SecurityPolicyUri,
            "none" => NoSecurity.Uri,
            "basic256sha256" => Basic256Sha256Security.SecurityPolicyUri,
            _ => null,
        };
        if (policy is null)
        {
            errors.Add($"security.policy: unknown policy '{security!.Policy}' (None, Basic256Sha256)");
            return (mode.Value, NoSecurity.Uri);
        }

        if ((policy == NoSecurity.Uri) != (mode == MessageSecurityMode.None))
        {
            errors.Add("security: mode None goes with policy None, and Sign or SignAndEncrypt with Basic256Sha256");
        }

        return (mode.Value, policy);
    }

    private static List<OpcUaItemGroup> CheckOpcUaGroups(IReadOnlyList<ConnectorPollGroupDocument>? groups, List<string> errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var total = groups?.Sum(g => g?.Points?.Count ?? 0) ?? 0;
        if (total > MaxOpcUaItems)
        {
            errors.Add(Invariant($"pollGroups: {total} points; at most {MaxOpcUaItems} per connector"));
        }

        return [.. WalkGroups(groups, (document, field) => CheckItem(document, field, names, errors), errors)
            .Select(g => new OpcUaItemGroup(g.Name, g.Interval, g.Points))];
    }

    private static OpcUaItem? CheckItem(ConnectorPointDocument? document, string field, HashSet<string> names, List<string> errors)
    {
        if (document is null)
        {
            errors.Add($"{field}: expected an object");
            return null;
        }

        var before = errors.Count;
        CheckPointName(document.Name, field, errors);
        RefuseFieldsOf(
            ModbusKind,
            errors,
            ($"{field}.unit", document.Unit),
            ($"{field}.table", document.Table),
            ($"{field}.address", document.Address),
            ($"{field}.type", document.Type),
            ($"{field}.byteOrder", document.ByteOrder),
            ($"{field}.bit", document.Bit),
            ($"{field}.scale", document.Scale),
            ($"{field}.offset", document.Offset));
        NodeId? nodeId = null;
        if (document.NodeId is null)
        {
            errors.Add($"{field}.nodeId: required (e.g. ns=2;s=Line1.Temperature)");
        }
        else if (!NodeId.TryParse(document.NodeId, out nodeId))
        {
            errors.Add($"{field}.nodeId: '{document.NodeId}' is not a node id (e.g. ns=2;s=Name, ns=3;i=1001)");
        }

        if (document.Deadband is { } deadband && (deadband < 0 || !double.IsFinite(deadband)))
        {
            errors.Add($"{field}.deadband: must be a number ≥ 0");
        }

        if (document.Name is { } name && errors.Count == before && !names.Add(name))
        {
            errors.Add($"{field}.name: '{name}' is used by another point of this connector");
        }

        return errors.Count == before ? new OpcUaItem(document.Name!, nodeId!, document.Deadband) : null;
    }
}
