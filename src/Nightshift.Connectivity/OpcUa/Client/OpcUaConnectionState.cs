namespace Nightshift.Connectivity.OpcUa.Client;

/// <summary>The state of an <see cref="OpcUaClient"/>'s connection.</summary>
public enum OpcUaConnectionState
{
    /// <summary>Connected: the channel is open and the session is active.</summary>
    Connected = 0,

    /// <summary>The connection was lost; the client is reconnecting with backoff.</summary>
    Reconnecting = 1,

    /// <summary>The client was disposed.</summary>
    Closed = 2,
}
