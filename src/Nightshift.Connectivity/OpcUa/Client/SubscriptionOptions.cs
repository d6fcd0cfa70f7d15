using Nightshift.Connectivity.OpcUa.Services;

namespace Nightshift.Connectivity.OpcUa.Client;

/// <summary>
/// The parameters of a subscription (Part 4, 5.13.2): the publishing interval, the keep-alive and lifetime counts (in
/// publishing intervals), the most notifications per Publish (0 = no limit), the priority and the timestamps to return.
/// Immutable and thread-safe.
/// </summary>
public sealed record SubscriptionOptions
{
    public TimeSpan PublishingInterval { get; init; } = TimeSpan.FromSeconds(1);

    public uint MaxKeepAliveCount { get; init; } = 10;

    public uint LifetimeCount { get; init; } = 60;

    public uint MaxNotificationsPerPublish { get; init; }

    public byte Priority { get; init; }

    public TimestampsToReturn Timestamps { get; init; } = TimestampsToReturn.Both;
}
