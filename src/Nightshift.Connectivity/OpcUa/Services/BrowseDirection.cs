namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>Which references Browse follows (Part 4, 7.5).</summary>
public enum BrowseDirection
{
    Forward = 0,
    Inverse = 1,
    Both = 2,
}
