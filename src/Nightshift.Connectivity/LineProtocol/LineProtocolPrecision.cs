namespace Nightshift.Connectivity.LineProtocol;

/// <summary>
/// The unit of the timestamps of an InfluxDB line protocol request (the <c>precision</c> query parameter):
/// nanoseconds by default.
/// </summary>
public enum LineProtocolPrecision
{
    Nanoseconds = 0,
    Microseconds,
    Milliseconds,
    Seconds,
    Minutes,
    Hours,
}
