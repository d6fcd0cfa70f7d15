using System.Globalization;
using Nightshift.Core.Samples;

namespace Nightshift.Core.Alarms;

/// <summary>The evaluation state of one definition inside a <see cref="LimitEvaluator"/>. Not thread-safe.</summary>
internal sealed class LimitAlarmSlot
{
    public LimitAlarmSlot(AlarmDefinition definition, DateTime startedAt)
    {
        Definition = definition;
        LastFresh = startedAt;
        if (definition.Kind == AlarmKind.Digital)
        {
            AlarmValues = new HashSet<string>(definition.AlarmValues, StringComparer.Ordinal);
            NumericAlarmValues = [];
            foreach (var text in definition.AlarmValues)
            {
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    NumericAlarmValues.Add(number);
                }
            }
        }

        Window = definition.Kind == AlarmKind.RateOfChange ? new Queue<(DateTime, double)>() : null;
    }

    public AlarmDefinition Definition { get; }

    /// <summary>The condition as the latest input shows it, with the deadband applied, before the delays.</summary>
    public bool Raw { get; set; }

    /// <summary>The condition reported to the caller, after the delays.</summary>
    public bool Active { get; set; }

    /// <summary>Since when <see cref="Raw"/> differs from <see cref="Active"/>; null when they agree.</summary>
    public DateTime? PendingSince { get; set; }

    public HashSet<string>? AlarmValues { get; }

    /// <summary>The alarm values that read as numbers, so that numeric samples match without formatting text.</summary>
    public HashSet<double>? NumericAlarmValues { get; }

    /// <summary>Whether a sample's value is one of the alarm values of a digital alarm. Allocates nothing.</summary>
    public bool IsAlarmValue(SampleValue value) => value.Kind switch
    {
        ValueKind.Double or ValueKind.Long => NumericAlarmValues!.Contains(value.AsDouble()),
        ValueKind.Bool => AlarmValues!.Contains(value.AsBool() ? "true" : "false"),
        ValueKind.String => AlarmValues!.Contains(value.AsString()!),
        _ => false,
    };

    public Queue<(DateTime Time, double Value)>? Window { get; }

    public double? Setpoint { get; set; }

    public double? LastValue { get; set; }

    public DateTime LastFresh { get; set; }
}
