using System.CommandLine;
using Nightshift.Server;

namespace Nightshift.Cli.Commands;

/// <summary><c>nightshift demo</c>: the platform with the virtual car-body plant publishing into it.</summary>
public static class DemoCommand
{
    public const int DefaultSeed = 42;

    public static Command Create()
    {
        var common = new CommonOptions();
        var speed = new Option<double>("--speed") { Description = "How many times faster than real time the plant's dynamics run.", DefaultValueFactory = _ => 1.0 };
        var seed = new Option<int>("--seed") { Description = "The seed of the virtual plant; the same seed gives the same plant.", DefaultValueFactory = _ => DefaultSeed };
        var command = new Command("demo", "Run the platform with the virtual car-body plant (embedded broker and storage, nothing else to set up).") { speed, seed };
        foreach (var option in common.All)
        {
            command.Options.Add(option);
        }

        speed.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is <= 0 or > 10_000)
            {
                result.AddError("--speed must be greater than 0 and at most 10000");
            }
        });

        command.SetAction((result, ct) =>
        {
            var settings = new DemoSettings(result.GetValue(speed), result.GetValue(seed));
            var options = new NightshiftOptions
            {
                DataDirectory = result.GetValue(common.Data)!,
                Urls = result.GetValue(common.Urls)!,
                MqttPort = result.GetValue(common.MqttPort),
                Tenant = result.GetValue(common.Tenant)!,
                PlantFiles = [NodeRunner.DefaultPlantFile],
            };
            return NodeRunner.RunAsync(
                options,
                builder =>
                {
                    builder.Services.AddSingleton(settings);
                    builder.Services.AddSingleton<VirtualPlantService>();
                    builder.Services.AddHostedService(sp => sp.GetRequiredService<VirtualPlantService>());

                    // The simulated plant makes parts `speed` times faster than the wall clock its samples carry.
                    builder.Services.AddSingleton(new Nightshift.Server.Oee.OeeOptions { PlantSpeed = settings.Speed });
                },
                $"Virtual plant:       seed {settings.Seed}, speed {settings.Speed}x",
                ct);
        });
        return command;
    }
}
