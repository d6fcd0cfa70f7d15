namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>
/// The revised parameters of a subscription (Part 4, 5.13.2): the publishing interval in ms, the lifetime and keep-alive
/// counts in publishing intervals. Immutable and thread-safe.
/// </summary>
public sealed record SubscriptionParameters(uint SubscriptionId, double PublishingIntervalMs, uint LifetimeCount, uint MaxKeepAliveCount);
