namespace Nightshift.Server.Connectors;

/// <summary>How a connector command ended.</summary>
public enum ConnectorCommandOutcome
{
    /// <summary>A connector was created.</summary>
    Created,

    /// <summary>The command was done on an existing connector (replaced, enabled, disabled, deleted).</summary>
    Done,

    /// <summary>The tenant has no connector of that name.</summary>
    NotFound,

    /// <summary>The document is not valid (see the errors).</summary>
    Invalid,

    /// <summary>The caller's role may not change connectors (engineer or more is needed).</summary>
    Forbidden,
}
