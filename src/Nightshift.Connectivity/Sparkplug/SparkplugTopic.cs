using System.Diagnostics.CodeAnalysis;

namespace Nightshift.Connectivity.Sparkplug;

/// <summary>
/// A Sparkplug B 3.0 topic: <c>spBv1.0/{group}/{NBIRTH|NDEATH|NDATA|NCMD}/{edge_node}</c>,
/// <c>spBv1.0/{group}/{DBIRTH|DDEATH|DDATA|DCMD}/{edge_node}/{device}</c> or <c>spBv1.0/STATE/{host_id}</c>.
/// Ids are non-empty and contain neither '/', '+' nor '#'. Immutable and thread-safe; <see cref="TryParse"/> never throws.
/// </summary>
public readonly record struct SparkplugTopic
{
    /// <summary>The Sparkplug B topic namespace.</summary>
    public const string Namespace = "spBv1.0";

    private SparkplugTopic(SparkplugMessageType messageType, string groupId, string edgeNodeId, string? deviceId, string? hostId)
    {
        MessageType = messageType;
        GroupId = groupId;
        EdgeNodeId = edgeNodeId;
        DeviceId = deviceId;
        HostId = hostId;
    }

    public SparkplugMessageType MessageType { get; }

    /// <summary>The group id; empty for STATE.</summary>
    public string GroupId { get; }

    /// <summary>The edge node id; empty for STATE.</summary>
    public string EdgeNodeId { get; }

    /// <summary>The device id of DBIRTH, DDEATH, DDATA and DCMD; null otherwise.</summary>
    public string? DeviceId { get; }

    /// <summary>The host application id of STATE; null otherwise.</summary>
    public string? HostId { get; }

    /// <summary>True for the device message types (DBIRTH, DDEATH, DDATA, DCMD).</summary>
    public bool IsDeviceMessage => MessageType is SparkplugMessageType.DBirth or SparkplugMessageType.DDeath
        or SparkplugMessageType.DData or SparkplugMessageType.DCmd;

    /// <summary>A node-level topic (NBIRTH, NDEATH, NDATA, NCMD).</summary>
    /// <exception cref="ArgumentException">The type is not a node message type, or an id is not valid.</exception>
    public static SparkplugTopic Node(SparkplugMessageType messageType, string groupId, string edgeNodeId)
    {
        if (messageType is not (SparkplugMessageType.NBirth or SparkplugMessageType.NDeath or SparkplugMessageType.NData or SparkplugMessageType.NCmd))
        {
            throw new ArgumentException($"{messageType} is not a node message type", nameof(messageType));
        }

        CheckId(groupId, nameof(groupId));
        CheckId(edgeNodeId, nameof(edgeNodeId));
        return new SparkplugTopic(messageType, groupId, edgeNodeId, null, null);
    }

    /// <summary>A device-level topic (DBIRTH, DDEATH, DDATA, DCMD).</summary>
    /// <exception cref="ArgumentException">The type is not a device message type, or an id is not valid.</exception>
    public static SparkplugTopic Device(SparkplugMessageType messageType, string groupId, string edgeNodeId, string deviceId)
    {
        if (messageType is not (SparkplugMessageType.DBirth or SparkplugMessageType.DDeath or SparkplugMessageType.DData or SparkplugMessageType.DCmd))
        {
            throw new ArgumentException($"{messageType} is not a device message type", nameof(messageType));
        }

        CheckId(groupId, nameof(groupId));
        CheckId(edgeNodeId, nameof(edgeNodeId));
        CheckId(deviceId, nameof(deviceId));
        return new SparkplugTopic(messageType, groupId, edgeNodeId, deviceId, null);
    }

    /// <summary>The STATE topic of a host application.</summary>
    /// <exception cref="ArgumentException">The host id is not valid.</exception>
    public static SparkplugTopic State(string hostId)
    {
        CheckId(hostId, nameof(hostId));
        return new SparkplugTopic(SparkplugMessageType.State, string.Empty, string.Empty, null, hostId);
    }

    /// <summary>Parses a topic; on failure <paramref name="error"/> says what is wrong. Never throws.</summary>
    public static bool TryParse(string? topic, out SparkplugTopic result, [NotNullWhen(false)] out string? error)
    {
        result = default;
        if (string.IsNullOrEmpty(topic))
        {
            error = "the topic is empty";
            return false;
        }

        var span = topic.AsSpan();
        Span<Range> ranges = stackalloc Range[7];
        var count = span.Split(ranges, '/');
        if (count < 3 || count > 5)
        {
            error = $"a Sparkplug topic has 3 to 5 segments, '{topic}' has {(count > 5 ? "more than 5" : count.ToString(System.Globalization.CultureInfo.InvariantCulture))}";
            return false;
        }

        if (!span[ranges[0]].SequenceEqual(Namespace))
        {
            error = $"the topic does not start with '{Namespace}/'";
            return false;
        }

        for (var i = 1; i < count; i++)
        {
            var segment = span[ranges[i]];
            if (segment.IsEmpty)
            {
                error = $"segment {i + 1} of '{topic}' is empty";
                return false;
            }

            if (segment.IndexOfAny('+', '#') >= 0)
            {
                error = $"segment {i + 1} of '{topic}' contains a wildcard";
                return false;
            }
        }

        if (span[ranges[1]].SequenceEqual("STATE"))
        {
            if (count != 3)
            {
                error = $"a STATE topic is '{Namespace}/STATE/{{host_id}}'";
                return false;
            }

            result = new SparkplugTopic(SparkplugMessageType.State, string.Empty, string.Empty, null, topic[ranges[2]]);
            error = null;
            return true;
        }

        if (count < 4)
        {
            error = $"a Sparkplug message topic is '{Namespace}/{{group}}/{{type}}/{{edge_node}}[/{{device}}]'";
            return false;
        }

        if (!TryParseType(span[ranges[2]], out var type))
        {
            error = $"'{topic[ranges[2]]}' is not a Sparkplug message type";
            return false;
        }

        var isDevice = type is SparkplugMessageType.DBirth or SparkplugMessageType.DDeath or SparkplugMessageType.DData or SparkplugMessageType.DCmd;
        if (isDevice != (count == 5))
        {
            error = isDevice
                ? $"a {topic[ranges[2]]} topic needs a device id: '{Namespace}/{{group}}/{topic[ranges[2]]}/{{edge_node}}/{{device}}'"
                : $"a {topic[ranges[2]]} topic has no device id: '{Namespace}/{{group}}/{topic[ranges[2]]}/{{edge_node}}'";
            return false;
        }

        result = new SparkplugTopic(type, topic[ranges[1]], topic[ranges[3]], isDevice ? topic[ranges[4]] : null, null);
        error = null;
        return true;
    }

    /// <summary>Parses a topic.</summary>
    /// <exception cref="SparkplugFormatException">The topic is not a Sparkplug B topic; the message says why.</exception>
    public static SparkplugTopic Parse(string topic) =>
        TryParse(topic, out var result, out var error) ? result : throw new SparkplugFormatException(error);

    /// <summary>The name of a message type as it appears in a topic (e.g. "NBIRTH").</summary>
    public static string TypeName(SparkplugMessageType type) => type switch
    {
        SparkplugMessageType.NBirth => "NBIRTH",
        SparkplugMessageType.NDeath => "NDEATH",
        SparkplugMessageType.NData => "NDATA",
        SparkplugMessageType.NCmd => "NCMD",
        SparkplugMessageType.DBirth => "DBIRTH",
        SparkplugMessageType.DDeath => "DDEATH",
        SparkplugMessageType.DData => "DDATA",
        SparkplugMessageType.DCmd => "DCMD",
        SparkplugMessageType.State => "STATE",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a Sparkplug message type"),
    };

    /// <summary>The topic string.</summary>
    public override string ToString() => MessageType switch
    {
        SparkplugMessageType.State => $"{Namespace}/STATE/{HostId}",
        _ when DeviceId is not null => $"{Namespace}/{GroupId}/{TypeName(MessageType)}/{EdgeNodeId}/{DeviceId}",
        _ => $"{Namespace}/{GroupId}/{TypeName(MessageType)}/{EdgeNodeId}",
    };

    private static bool TryParseType(ReadOnlySpan<char> text, out SparkplugMessageType type)
    {
        switch (text)
        {
            case "NBIRTH": type = SparkplugMessageType.NBirth; return true;
            case "NDEATH": type = SparkplugMessageType.NDeath; return true;
            case "NDATA": type = SparkplugMessageType.NData; return true;
            case "NCMD": type = SparkplugMessageType.NCmd; return true;
            case "DBIRTH": type = SparkplugMessageType.DBirth; return true;
            case "DDEATH": type = SparkplugMessageType.DDeath; return true;
            case "DDATA": type = SparkplugMessageType.DData; return true;
            case "DCMD": type = SparkplugMessageType.DCmd; return true;
            default: type = default; return false;
        }
    }

    private static void CheckId(string id, string parameter)
    {
        ArgumentException.ThrowIfNullOrEmpty(id, parameter);
        if (id.AsSpan().IndexOfAny("/+#") >= 0)
        {
            throw new ArgumentException($"a Sparkplug id must not contain '/', '+' or '#': '{id}'", parameter);
        }
    }
}
