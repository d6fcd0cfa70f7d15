namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>The kind of an OPC UA application (Part 4, 7.2).</summary>
public enum ApplicationType
{
    Server = 0,
    Client = 1,
    ClientAndServer = 2,
    DiscoveryServer = 3,
}
