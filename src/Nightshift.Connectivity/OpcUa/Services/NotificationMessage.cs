using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>
/// One notification message of a subscription (Part 4, 7.24): its sequence number, publish time, the data changes it
/// carries, and a status change when the subscription itself changed (e.g. timed out). A keep-alive has neither data
/// changes nor a status change. Immutable and thread-safe.
/// </summary>
public sealed record NotificationMessage(uint SequenceNumber, DateTime PublishTime, IReadOnlyList<MonitoredItemNotification> DataChanges, StatusCode? StatusChange)
{
    /// <summary>True for a keep-alive (no notification data).</summary>
    public bool IsKeepAlive { get; init; }

    internal static NotificationMessage Read(ref OpcUaBinaryReader reader)
    {
        var sequence = reader.ReadUInt32();
        var publishTime = reader.ReadDateTime();
        var data = reader.ReadArray(static (ref OpcUaBinaryReader r) => r.ReadExtensionObject()) ?? [];
        List<MonitoredItemNotification> changes = [];
        StatusCode? status = null;
        foreach (var item in data)
        {
            if (item.Encoding != ExtensionObjectEncoding.Binary || item.TypeId.NamespaceIndex != 0 || item.TypeId.IdType != NodeIdType.Numeric)
            {
                continue;
            }

            var body = new OpcUaBinaryReader(item.Body.Span, reader.Limits);
            switch (item.TypeId.Numeric)
            {
                case ObjectIds.DataChangeNotification:
                    var items = body.ReadArray(static (ref OpcUaBinaryReader r) => new MonitoredItemNotification(r.ReadUInt32(), r.ReadDataValue())) ?? [];
                    changes.AddRange(items);
                    break;
                case ObjectIds.StatusChangeNotification:
                    status = body.ReadStatusCode();
                    break;
                default:
                    // Events and unknown notification types are not consumed by this client.
                    break;
            }
        }

        return new NotificationMessage(sequence, publishTime, changes, status) { IsKeepAlive = data.Length == 0 };
    }
}
