namespace Nightshift.Core.Alarms;

/// <summary>
/// The outcome of a call on an <see cref="AlarmStateMachine"/>: the events it produced, or why it refused.
/// A refused call changes nothing, except that an expired shelve is still ended (its event is then in
/// <see cref="Events"/>). Immutable and thread-safe.
/// </summary>
public sealed class AlarmResult
{
    private AlarmResult(IReadOnlyList<AlarmEvent> events, AlarmError error, string? message)
    {
        Events = events;
        Error = error;
        Message = message;
    }

    /// <summary>The events, in order: usually one; two when an expired shelve ended first; none for a refusal or an idle tick.</summary>
    public IReadOnlyList<AlarmEvent> Events { get; }

    public AlarmError Error { get; }

    /// <summary>A sentence for the operator saying why the call was refused; null on success.</summary>
    public string? Message { get; }

    public bool Succeeded => Error == AlarmError.None;

    /// <summary>The event of the requested transition (the last one), or null.</summary>
    public AlarmEvent? Event => Succeeded && Events.Count > 0 ? Events[^1] : null;

    internal static AlarmResult Idle { get; } = new([], AlarmError.None, null);

    internal static AlarmResult Success(IReadOnlyList<AlarmEvent> events) => new(events, AlarmError.None, null);

    internal static AlarmResult Failure(IReadOnlyList<AlarmEvent> events, AlarmError error, string message) => new(events, error, message);

    public override string ToString() => Succeeded ? $"ok ({Events.Count} events)" : $"{Error}: {Message}";
}
