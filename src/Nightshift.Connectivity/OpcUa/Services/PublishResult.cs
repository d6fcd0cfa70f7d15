using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>
/// A Publish response (Part 4, 5.13.5): which subscription it is for, the sequence numbers the server still holds for
/// Republish, the notification message, and the results of the acknowledgements sent. Immutable and thread-safe.
/// </summary>
public sealed record PublishResult(uint SubscriptionId, IReadOnlyList<uint> AvailableSequenceNumbers, bool MoreNotifications, NotificationMessage Message, IReadOnlyList<StatusCode> AcknowledgeResults);
