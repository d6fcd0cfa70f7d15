namespace Nightshift.Connectivity.LineProtocol;

/// <summary>One tag of a line protocol point: key and value, unescaped. Immutable and thread-safe.</summary>
public readonly record struct LineProtocolTag(string Key, string Value);
