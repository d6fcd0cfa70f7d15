namespace Nightshift.Connectivity.Modbus;

/// <summary>Points read together at one rate. Immutable and thread-safe.</summary>
/// <param name="Name">A name for logs.</param>
/// <param name="Interval">The poll period; at least one millisecond.</param>
/// <param name="Points">The points; their names must be unique per unit.</param>
public sealed record ModbusPollGroup(string Name, TimeSpan Interval, IReadOnlyList<ModbusPoint> Points);
