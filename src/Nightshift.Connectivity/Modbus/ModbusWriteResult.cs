using Nightshift.Core.Samples;

namespace Nightshift.Connectivity.Modbus;

/// <summary>
/// The outcome of <see cref="ModbusPoller.WriteAsync"/>: the value read back after the write and its quality, and whether
/// the raw registers (or coil) read back equal what was written. A failed write or read-back has a Bad quality
/// (<see cref="ModbusQuality"/>) and no value. Immutable and thread-safe.
/// </summary>
public readonly record struct ModbusWriteResult(bool Confirmed, SampleValue ReadBack, Quality Quality);
