namespace Nightshift.Server.Connectors;

/// <summary>The outcome of a connector command, the connector as it is now (when there is one) and the errors of an invalid document.</summary>
public sealed record ConnectorCommandResult(ConnectorCommandOutcome Outcome, ConnectorView? Connector, IReadOnlyList<string> Errors)
{
    public static ConnectorCommandResult Of(ConnectorCommandOutcome outcome, ConnectorView? connector = null) => new(outcome, connector, []);
}
