namespace Nightshift.Core.Alarms;

/// <summary>The priority of an alarm, 1 (most urgent) to 4, as an alarm philosophy assigns it (ISA-18.2).</summary>
public enum AlarmPriority
{
    Urgent = 1,
    High = 2,
    Medium = 3,
    Low = 4,
}
