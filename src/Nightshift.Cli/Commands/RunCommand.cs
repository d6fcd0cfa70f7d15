using System.CommandLine;
using Nightshift.Server;

namespace Nightshift.Cli.Commands;

/// <summary><c>nightshift run</c>: the platform without the virtual plant.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var plant = new Option<string[]>("--plant") { Description = "Plant files (YAML) to load; repeat for several.", AllowMultipleArgumentsPerToken = true };
        var historyEngine = new Option<HistoryEngine>("--history-engine") { Description = "Where history is kept: duckdb (a file in the data folder) or postgres (needs --history-connection).", DefaultValueFactory = _ => HistoryEngine.DuckDb };
        var historyConnection = new Option<string?>("--history-connection")
        {
            Description = "The Npgsql connection string of the postgres history engine, e.g. \"Host=db1;Database=nightshift;Username=nightshift\" (default: the environment variable NIGHTSHIFT_HISTORY_CONNECTION, which keeps a password out of the process list).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("NIGHTSHIFT_HISTORY_CONNECTION"),
        };
        var historySchema = new Option<string>("--history-schema") { Description = "The PostgreSQL schema of this node's history.", DefaultValueFactory = _ => "nightshift_history" };
        var command = new Command("run", "Run the platform (embedded broker and storage) without the virtual plant.") { plant, historyEngine, historyConnection, historySchema };
        command.Validators.Add(result =>
        {
            if (result.GetValue(historyEngine) == HistoryEngine.Postgres && string.IsNullOrWhiteSpace(result.GetValue(historyConnection)))
            {
                result.AddError("--history-engine postgres needs --history-connection \"Host=…;Database=…;Username=…\"");
            }
        });
        foreach (var option in common.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((result, ct) => NodeRunner.RunAsync(
            new NightshiftOptions
            {
                DataDirectory = result.GetValue(common.Data)!,
                Urls = result.GetValue(common.Urls)!,
                MqttPort = result.GetValue(common.MqttPort),
                Tenant = result.GetValue(common.Tenant)!,
                PlantFiles = result.GetValue(plant) ?? [],
                HistoryEngine = result.GetValue(historyEngine),
                HistoryConnectionString = result.GetValue(historyConnection),
                HistorySchema = result.GetValue(historySchema)!,
            },
            configure: null,
            extraBanner: null,
            ct));
        return command;
    }
}
