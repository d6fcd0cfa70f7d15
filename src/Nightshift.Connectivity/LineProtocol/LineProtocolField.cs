using Nightshift.Core.Samples;

namespace Nightshift.Connectivity.LineProtocol;

/// <summary>
/// One field of a line protocol point: its key (unescaped), its declared type and its value. Floats are doubles,
/// integers longs, booleans bools, strings strings; an unsigned value is a long when it fits one (up to 2^63 − 1)
/// and a double above that. Immutable and thread-safe.
/// </summary>
public readonly record struct LineProtocolField(string Key, LineProtocolFieldType Type, SampleValue Value);
