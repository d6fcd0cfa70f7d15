using Nightshift.Core.Alarms;

namespace Nightshift.Server.Alarms;

/// <summary>The transitions one call made on the alarms of a tenant, in order (their alarm ids are instance ids). Immutable.</summary>
public sealed class AlarmTransitionsEventArgs(string tenant, IReadOnlyList<AlarmEvent> events) : EventArgs
{
    public string Tenant { get; } = tenant;

    public IReadOnlyList<AlarmEvent> Events { get; } = events;
}
