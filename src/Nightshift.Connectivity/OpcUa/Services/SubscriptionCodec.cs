using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>
/// The Subscription and MonitoredItem service sets (Part 4, 5.12 and 5.13): CreateSubscription, ModifySubscription,
/// DeleteSubscriptions, TransferSubscriptions, Publish, Republish, CreateMonitoredItems, DeleteMonitoredItems. Pure and
/// thread-safe.
/// </summary>
public static class SubscriptionCodec
{
    public static void WriteCreateSubscriptionRequest(OpcUaBinaryWriter writer, RequestContext context, double publishingIntervalMs, uint lifetimeCount, uint maxKeepAliveCount, uint maxNotificationsPerPublish, byte priority)
    {
        ArgumentNullException.ThrowIfNull(writer);
        context.Write(writer, ObjectIds.CreateSubscriptionRequest);
        writer.WriteDouble(publishingIntervalMs);
        writer.WriteUInt32(lifetimeCount);
        writer.WriteUInt32(maxKeepAliveCount);
        writer.WriteUInt32(maxNotificationsPerPublish);
        writer.WriteBoolean(true);
        writer.WriteByte(priority);
    }

    public static SubscriptionParameters ReadCreateSubscriptionResponse(ReadOnlySpan<byte> body, OpcUaEncodingLimits? limits = null)
    {
        var reader = ServiceCodec.ReadResponseHeader(body, ObjectIds.CreateSubscriptionResponse, limits, out _);
        return new SubscriptionParameters(reader.ReadUInt32(), reader.ReadDouble(), reader.ReadUInt32(), reader.ReadUInt32());
    }

    public static void WriteModifySubscriptionRequest(OpcUaBinaryWriter writer, RequestContext context, uint subscriptionId, double publishingIntervalMs, uint lifetimeCount, uint maxKeepAliveCount, uint maxNotificationsPerPublish, byte priority)
    {
        ArgumentNullException.ThrowIfNull(writer);
        context.Write(writer, ObjectIds.ModifySubscriptionRequest);
        writer.WriteUInt32(subscriptionId);
        writer.WriteDouble(publishingIntervalMs);
        writer.WriteUInt32(lifetimeCount);
        writer.WriteUInt32(maxKeepAliveCount);
        writer.WriteUInt32(maxNotificationsPerPublish);
        writer.WriteByte(priority);
    }

    public static SubscriptionParameters ReadModifySubscriptionResponse(ReadOnlySpan<byte> body, uint subscriptionId, OpcUaEncodingLimits? limits = null)
    {
        var reader = ServiceCodec.ReadResponseHeader(body, ObjectIds.ModifySubscriptionResponse, limits, out _);
        return new SubscriptionParameters(subscriptionId, reader.ReadDouble(), reader.ReadUInt32(), reader.ReadUInt32());
    }

    public static void WriteDeleteSubscriptionsRequest(OpcUaBinaryWriter writer, RequestContext context, IReadOnlyList<uint> subscriptionIds)
    {
        ArgumentNullException.ThrowIfNull(writer);
        context.Write(writer, ObjectIds.DeleteSubscriptionsRequest);
        writer.WriteArray(subscriptionIds, static (w, id) => w.WriteUInt32(id));
    }

    public static StatusCode[] ReadDeleteSubscriptionsResponse(ReadOnlySpan<byte> body, OpcUaEncodingLimits? limits = null)
    {
        var reader = ServiceCodec.ReadResponseHeader(body, ObjectIds.DeleteSubscriptionsResponse, limits, out _);
        var results = ServiceCodec.ReadStatusCodes(ref reader);
        ServiceCodec.SkipDiagnostics(ref reader);
        return results;
    }

    public static void WriteTransferSubscriptionsRequest(OpcUaBinaryWriter writer, RequestContext context, IReadOnlyList<uint> subscriptionIds, bool sendInitialValues)
    {
        ArgumentNullException.ThrowIfNull(writer);
        context.Write(writer, ObjectIds.TransferSubscriptionsRequest);
        writer.WriteArray(subscriptionIds, static (w, id) => w.WriteUInt32(id));
        writer.WriteBoolean(sendInitialValues);
    }

    /// <summary>Per subscription: the status and the sequence numbers available for Republish.</summary>
    public static (StatusCode Status, uint[] Available)[] ReadTransferSubscriptionsResponse(ReadOnlySpan<byte> body, OpcUaEncodingLimits? limits = null)
    {
        var reader = ServiceCodec.ReadResponseHeader(body, ObjectIds.TransferSubscriptionsResponse, limits, out _);
        var results = reader.ReadArray(static (ref OpcUaBinaryReader r) => (r.ReadStatusCode(), r.ReadArray(static (ref OpcUaBinaryReader x) => x.ReadUInt32()) ?? [])) ?? [];
        ServiceCodec.SkipDiagnostics(ref reader);
        return results;
    }

    public static void WritePublishRequest(OpcUaBinaryWriter writer, RequestContext context, IReadOnlyList<(uint SubscriptionId, uint SequenceNumber)> acknowledgements)
    {
        ArgumentNullException.ThrowIfNull(writer);
        context.Write(writer, ObjectIds.PublishRequest);
        writer.WriteArray(acknowledgements, static (w, a) =>
        {
            w.WriteUInt32(a.SubscriptionId);
            w.WriteUInt32(a.SequenceNumber);
        });
    }

    public static PublishResult ReadPublishResponse(ReadOnlySpan<byte> body, OpcUaEncodingLimits? limits = null)
    {
        var reader = ServiceCodec.ReadResponseHeader(body, ObjectIds.PublishResponse, limits, out _);
        var subscriptionId = reader.ReadUInt32();
        var available = reader.ReadArray(static (ref OpcUaBinaryReader r) => r.ReadUInt32()) ?? [];
        var more = reader.ReadBoolean();
        var message = NotificationMessage.Read(ref reader);
        var results = ServiceCodec.ReadStatusCodes(ref reader);
        ServiceCodec.SkipDiagnostics(ref reader);
        return new PublishResult(subscriptionId, available, more, message, results);
    }

    public static void WriteRepublishRequest(OpcUaBinaryWriter writer, RequestContext context, uint subscriptionId, uint sequenceNumber)
    {
        ArgumentNullException.ThrowIfNull(writer);
        context.Write(writer, ObjectIds.RepublishRequest);
        writer.WriteUInt32(subscriptionId);
        writer.WriteUInt32(sequenceNumber);
    }

    public static NotificationMessage ReadRepublishResponse(ReadOnlySpan<byte> body, OpcUaEncodingLimits? limits = null)
    {
        var reader = ServiceCodec.ReadResponseHeader(body, ObjectIds.RepublishResponse, limits, out _);
        return NotificationMessage.Read(ref reader);
    }

    public static void WriteCreateMonitoredItemsRequest(OpcUaBinaryWriter writer, RequestContext context, uint subscriptionId, TimestampsToReturn timestamps, IReadOnlyList<MonitoredItemCreateRequest> items)
    {
        ArgumentNullException.ThrowIfNull(writer);
        context.Write(writer, ObjectIds.CreateMonitoredItemsRequest);
        writer.WriteUInt32(subscriptionId);
        writer.WriteInt32((int)timestamps);
        writer.WriteArray(items, static (w, i) => i.Write(w));
    }

    public static MonitoredItemCreateResult[] ReadCreateMonitoredItemsResponse(ReadOnlySpan<byte> body, OpcUaEncodingLimits? limits = null)
    {
        var reader = ServiceCodec.ReadResponseHeader(body, ObjectIds.CreateMonitoredItemsResponse, limits, out _);
        var results = reader.ReadArray(MonitoredItemCreateResult.Read) ?? [];
        ServiceCodec.SkipDiagnostics(ref reader);
        return results;
    }

    public static void WriteDeleteMonitoredItemsRequest(OpcUaBinaryWriter writer, RequestContext context, uint subscriptionId, IReadOnlyList<uint> monitoredItemIds)
    {
        ArgumentNullException.ThrowIfNull(writer);
        context.Write(writer, ObjectIds.DeleteMonitoredItemsRequest);
        writer.WriteUInt32(subscriptionId);
        writer.WriteArray(monitoredItemIds, static (w, id) => w.WriteUInt32(id));
    }

    public static StatusCode[] ReadDeleteMonitoredItemsResponse(ReadOnlySpan<byte> body, OpcUaEncodingLimits? limits = null)
    {
        var reader = ServiceCodec.ReadResponseHeader(body, ObjectIds.DeleteMonitoredItemsResponse, limits, out _);
        var results = ServiceCodec.ReadStatusCodes(ref reader);
        ServiceCodec.SkipDiagnostics(ref reader);
        return results;
    }
}
