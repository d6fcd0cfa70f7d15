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
        var command = new Command("run", "Run the platform (embedded broker and storage) without the virtual plant.") { plant };
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
            },
            configure: null,
            extraBanner: null,
            ct));
        return command;
    }
}
