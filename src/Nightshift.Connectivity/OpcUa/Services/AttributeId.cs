namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>The attribute ids of OPC UA nodes (Part 6, A.1) that a client commonly reads.</summary>
public static class AttributeId
{
    public const uint NodeId = 1;
    public const uint NodeClass = 2;
    public const uint BrowseName = 3;
    public const uint DisplayName = 4;
    public const uint Description = 5;
    public const uint Value = 13;
    public const uint DataType = 14;
    public const uint ValueRank = 15;
    public const uint ArrayDimensions = 16;
    public const uint AccessLevel = 17;
    public const uint UserAccessLevel = 18;
    public const uint MinimumSamplingInterval = 19;
}
