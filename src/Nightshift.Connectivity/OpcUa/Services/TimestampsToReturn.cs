namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>Which timestamps the server returns with values (Part 4, 7.40).</summary>
public enum TimestampsToReturn
{
    Source = 0,
    Server = 1,
    Both = 2,
    Neither = 3,
}
