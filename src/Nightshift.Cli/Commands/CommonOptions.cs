using System.CommandLine;

namespace Nightshift.Cli.Commands;

/// <summary>Options shared by the commands that start a node.</summary>
public sealed class CommonOptions
{
    public Option<string> Data { get; } = new("--data") { Description = "The data folder (history, twins, users).", DefaultValueFactory = _ => "./data" };

    public Option<string> Urls { get; } = new("--urls") { Description = "The URL(s) of the API and UI.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };

    public Option<int> MqttPort { get; } = new("--mqtt-port") { Description = "The port of the embedded MQTT broker.", DefaultValueFactory = _ => 1883 };

    public Option<string> Tenant { get; } = new("--tenant") { Description = "The tenant of the first admin and of plant files that name none.", DefaultValueFactory = _ => "demo" };

    public IEnumerable<Option> All => [Data, Urls, MqttPort, Tenant];
}
