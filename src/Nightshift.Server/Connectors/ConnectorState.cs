namespace Nightshift.Server.Connectors;

/// <summary>The state of a connector, as the API reports it.</summary>
public enum ConnectorState
{
    /// <summary>Defined but not running.</summary>
    Disabled = 0,

    /// <summary>Running; no request has been answered or failed yet since the (re)start.</summary>
    Connecting = 1,

    /// <summary>The latest requests were answered (values, or exception responses of the device).</summary>
    Connected = 2,

    /// <summary>The latest requests found no connection or no answer; the client retries with backoff.</summary>
    Faulted = 3,
}
