namespace Nightshift.Core.Alarms;

/// <summary>
/// One alarm on one tag of an equipment: what it watches (<see cref="Kind"/>), its limit and deadband in the
/// tag's unit, its delays, priority, class and message. Immutable and thread-safe; an equipment may override
/// a type's definition by replacing it with a copy (<c>with</c>) under the same <see cref="Id"/>.
/// </summary>
/// <param name="Id">Unique within the equipment, e.g. <c>temperature.hi</c>.</param>
/// <param name="Tag">The tag watched, e.g. <c>temperature</c>.</param>
/// <param name="Kind">What is watched.</param>
public sealed record AlarmDefinition(string Id, string Tag, AlarmKind Kind)
{
    /// <summary>The operator position of alarms that name none.</summary>
    public const string DefaultPosition = "control-room";

    /// <summary>
    /// The limit in the tag's unit: the value for HI, HIHI, LO and LOLO; units per minute for
    /// <see cref="AlarmKind.RateOfChange"/>; the allowed difference to the setpoint for <see cref="AlarmKind.Deviation"/>.
    /// Not used by the other kinds.
    /// </summary>
    public double Limit { get; init; }

    /// <summary>
    /// The absolute deadband on return, in the limit's unit: a HI alarm returns when the value falls below
    /// <c>Limit - Deadband</c>, a LO alarm when it rises above <c>Limit + Deadband</c>. Zero or positive.
    /// </summary>
    public double Deadband { get; init; }

    /// <summary>How long the condition must hold without a break before the alarm activates.</summary>
    public TimeSpan OnDelay { get; init; }

    /// <summary>How long the condition must stay clear without a break before the alarm returns.</summary>
    public TimeSpan OffDelay { get; init; }

    public AlarmPriority Priority { get; init; } = AlarmPriority.Medium;

    /// <summary>A free grouping used for routing and reports, e.g. <c>process</c>, <c>safety</c>, <c>equipment</c>.</summary>
    public string Class { get; init; } = "process";

    /// <summary>A latching alarm stays in alarm after its condition clears until it is acknowledged and reset.</summary>
    public bool Latching { get; init; }

    /// <summary>What the operator reads on the console.</summary>
    public string Message { get; init; } = string.Empty;

    /// <summary>The operator position (console) the alarm is routed to.</summary>
    public string Position { get; init; } = DefaultPosition;

    /// <summary>For <see cref="AlarmKind.Deviation"/>: the tag of the same equipment that carries the setpoint.</summary>
    public string? SetpointTag { get; init; }

    /// <summary>
    /// For <see cref="AlarmKind.Digital"/>: the values that are abnormal, compared ordinally with the value's text
    /// (<c>true</c>/<c>false</c> for bools, invariant digits for numbers, the text of strings and state names).
    /// </summary>
    public IReadOnlyList<string> AlarmValues { get; init; } = [];

    /// <summary>For <see cref="AlarmKind.RateOfChange"/>: the window over which the rate is measured.</summary>
    public TimeSpan RateWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>For <see cref="AlarmKind.Stale"/>: how long without a usable sample before the data is stale.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Why this definition cannot be evaluated, or null when it can.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Id) || string.IsNullOrWhiteSpace(Tag))
        {
            return "an alarm definition needs an id and a tag";
        }

        if (!Enum.IsDefined(Kind) || !Enum.IsDefined(Priority))
        {
            return $"alarm '{Id}': unknown kind {Kind} or priority {Priority}";
        }

        if (double.IsNaN(Limit) || double.IsInfinity(Limit) || double.IsNaN(Deadband) || Deadband < 0 || double.IsInfinity(Deadband))
        {
            return $"alarm '{Id}': the limit must be a finite number and the deadband finite and not negative";
        }

        if (OnDelay < TimeSpan.Zero || OffDelay < TimeSpan.Zero)
        {
            return $"alarm '{Id}': delays must not be negative";
        }

        return Kind switch
        {
            AlarmKind.RateOfChange when Limit <= 0 || RateWindow <= TimeSpan.Zero => $"alarm '{Id}': a rate of change alarm needs a positive limit and window",
            AlarmKind.Deviation when Limit <= 0 || string.IsNullOrWhiteSpace(SetpointTag) => $"alarm '{Id}': a deviation alarm needs a positive limit and a setpoint tag",
            AlarmKind.RateOfChange or AlarmKind.Deviation when Deadband >= Limit => $"alarm '{Id}': the deadband must be smaller than the limit",
            AlarmKind.Digital when AlarmValues is null || AlarmValues.Count == 0 => $"alarm '{Id}': a digital alarm needs at least one alarm value",
            AlarmKind.Stale when StaleAfter <= TimeSpan.Zero => $"alarm '{Id}': a stale data alarm needs a positive time",
            _ => null,
        };
    }
}
