using Nightshift.Core.Samples;

namespace Nightshift.Connectivity.Sparkplug;

/// <summary>
/// One Sparkplug metric as Nightshift sees it: a name and/or alias, a data type and a value.
/// Integers of every width are carried as <see cref="ValueKind.Long"/> (UInt64 above <see cref="long.MaxValue"/>
/// as a double), Float and Double as double, DateTime as long milliseconds since the Unix epoch, String, Text and
/// UUID as string. <see cref="Timestamp"/> is UTC. The unit travels as the metric property <c>engUnit</c>.
/// Immutable and thread-safe.
/// </summary>
/// <param name="Name">The metric name; null when a data message carries the alias only.</param>
/// <param name="DataType">The Sparkplug data type; <see cref="SparkplugDataType.Unknown"/> when a data message omits it.</param>
/// <param name="Value">The value; <see cref="SampleValue.None"/> when <see cref="IsNull"/>.</param>
public sealed record SparkplugMetric(string? Name, SparkplugDataType DataType, SampleValue Value)
{
    /// <summary>The alias assigned in the birth certificate, if any.</summary>
    public ulong? Alias { get; init; }

    /// <summary>The time of the value (UTC), if the metric carries one.</summary>
    public DateTime? Timestamp { get; init; }

    /// <summary>True when the metric explicitly has no value (<c>is_null</c>).</summary>
    public bool IsNull { get; init; }

    /// <summary>The engineering unit (metric property <c>engUnit</c>), if any.</summary>
    public string? Unit { get; init; }

    /// <summary>A metric with the null value.</summary>
    public static SparkplugMetric Null(string? name, SparkplugDataType dataType) =>
        new(name, dataType, SampleValue.None) { IsNull = true };
}
