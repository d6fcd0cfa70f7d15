namespace Nightshift.Connectivity.Sparkplug;

/// <summary>The message types of the Sparkplug B 3.0 topic namespace (specification 4.1).</summary>
public enum SparkplugMessageType
{
    NBirth,
    NDeath,
    NData,
    NCmd,
    DBirth,
    DDeath,
    DData,
    DCmd,

    /// <summary>The birth and death of a host application: <c>spBv1.0/STATE/{host_id}</c>.</summary>
    State,
}
