namespace Nightshift.Core.Alarms;

/// <summary>
/// A change of an alarm's process condition found by a <see cref="LimitEvaluator"/>, after its delays:
/// <see cref="Active"/> true to activate, false to return. <see cref="At"/> is the exact instant (UTC) the
/// condition, including its on- or off-delay, was met; it may lie before the sample or tick that revealed it. Immutable.
/// </summary>
public readonly record struct AlarmConditionChange(AlarmDefinition Definition, bool Active, DateTime At);
