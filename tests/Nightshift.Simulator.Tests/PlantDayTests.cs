using Nightshift.Core.Assets;
using Nightshift.Simulator.Model;

namespace Nightshift.Simulator.Tests;

public sealed class PlantDayTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById(VirtualPlant.TimeZoneId);

    [Fact]
    public void Counters_never_decrease_and_values_stay_inside_the_plant_file_ranges_over_a_simulated_day()
    {
        var file = PlantFile.Load();
        var plant = new VirtualPlant(42, new DateTime(2026, 3, 2, 5, 0, 0, DateTimeKind.Utc));
        var devices = plant.Devices.ToArray();
        var tags = devices.Select(d => d.Metrics.Select(m => file.Types[d.TypeName].Tags[m.Name]).ToArray()).ToArray();
        var counters = devices.Select(d => d.Values.ToArray().Select(v => v.AsLong()).ToArray()).ToArray();
        var initial = counters.Select(c => c.ToArray()).ToArray();
        for (var minute = 0; minute < 24 * 60; minute++)
        {
            plant.Advance(TimeSpan.FromMinutes(1));
            for (var d = 0; d < devices.Length; d++)
            {
                var values = devices[d].Values;
                for (var m = 0; m < values.Length; m++)
                {
                    var tag = tags[d][m];
                    var metric = devices[d].Metrics[m];
                    if (metric.DataType == TagDataType.Long)
                    {
                        values[m].AsLong().ShouldBeGreaterThanOrEqualTo(counters[d][m], $"{devices[d].Id}.{metric.Name}");
                        counters[d][m] = values[m].AsLong();
                    }

                    if (metric.DataType == TagDataType.Double)
                    {
                        var value = values[m].AsDouble();
                        double.IsFinite(value).ShouldBeTrue($"{devices[d].Id}.{metric.Name}");
                        value.ShouldBeInRange(tag.Min ?? double.MinValue, tag.Max ?? double.MaxValue, $"{devices[d].Id}.{metric.Name}");
                    }
                }
            }
        }

        // Something was made: every press, robot and CNC machine counted good parts during the day.
        foreach (var device in devices.Where(d => d.TypeName is "Press" or "WeldingRobot" or "CncMachine"))
        {
            var index = device.Metrics.ToList().FindIndex(m => m.Name == "goodCount");
            device.Values[index].AsLong().ShouldBeGreaterThan(initial[Array.IndexOf(devices, device)][index] + 100, device.Id);
        }
    }

    [Theory]
    [InlineData(2026, 1, 15)]
    [InlineData(2026, 6, 21)]
    [InlineData(2026, 10, 25)]
    public void Solar_is_zero_at_night_and_positive_at_noon_in_the_site_time_zone(int year, int month, int day)
    {
        DateTime Local(int hour) => TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, hour, 0, 0, DateTimeKind.Unspecified), Berlin);
        var plant = new VirtualPlant(42, Local(0));
        var solar = plant.GetEdgeNode("energy").GetDevice("solar");

        plant.Advance(Local(3) - plant.Now);
        solar.GetValue("power").AsDouble().ShouldBe(0);
        solar.GetValue("state").AsString().ShouldBe("Idle");

        plant.Advance(Local(12) - plant.Now);
        solar.GetValue("power").AsDouble().ShouldBeGreaterThan(20);
        solar.GetValue("irradiance").AsDouble().ShouldBeGreaterThan(50);
        solar.GetValue("state").AsString().ShouldBe("Running");

        plant.Advance(Local(23) - plant.Now);
        solar.GetValue("power").AsDouble().ShouldBe(0);
    }

    [Fact]
    public void Solar_follows_the_calendar_clock_when_the_dynamics_run_faster()
    {
        var midnight = TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 6, 21, 0, 0, 0, DateTimeKind.Unspecified), Berlin);
        var plant = new VirtualPlant(42, midnight);
        var solar = plant.GetEdgeNode("energy").GetDevice("solar");

        // Twelve simulated hours pass in one calendar minute after midnight: still night for the sun.
        plant.Advance(TimeSpan.FromHours(12), midnight.AddMinutes(1));
        solar.GetValue("power").AsDouble().ShouldBe(0);
    }

    [Fact]
    public void The_grid_meter_and_gas_meter_rise_with_the_plant_load()
    {
        var plant = new VirtualPlant(42, new DateTime(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc));
        var grid = plant.GetEdgeNode("energy").GetDevice("grid-meter");
        var gas = plant.GetEdgeNode("energy").GetDevice("gas-meter");
        var energy = grid.GetValue("energyImport").AsLong();
        var volume = gas.GetValue("volume").AsLong();

        plant.Advance(TimeSpan.FromHours(1));

        var power = grid.GetValue("power").AsDouble();
        power.ShouldBeInRange(1000, 4500);
        (grid.GetValue("energyImport").AsLong() - energy).ShouldBeInRange(1000, 4500);
        (gas.GetValue("volume").AsLong() - volume).ShouldBeInRange(40, 300);
    }

    [Fact]
    public void Every_published_metric_is_declared_in_the_plant_file()
    {
        var file = PlantFile.Load();
        var plant = new VirtualPlant(42, new DateTime(2026, 3, 2, 5, 0, 0, DateTimeKind.Utc));
        file.Tenant.ShouldBe("demo");
        foreach (var node in plant.EdgeNodes)
        {
            foreach (var device in node.Devices)
            {
                var source = $"spBv1.0/{VirtualPlant.GroupId}/{node.Id}/{device.Id}";
                var equipment = file.Equipment.SingleOrDefault(e => e.Source == source);
                equipment.ShouldNotBeNull($"no equipment has the source {source}");
                equipment.Id.ShouldBe(device.Id);
                equipment.Type.ShouldBe(device.TypeName);
                var type = file.Types[device.TypeName];
                type.StateModel.ShouldBe(device is MachineDevice ? "machine" : "utility");
                type.Tags.Keys.ShouldBe(device.Metrics.Select(m => m.Name), ignoreOrder: true, $"the tags of {device.TypeName}");
                type.Tags.Count(t => t.Value.Key).ShouldBeInRange(2, 4);
                foreach (var metric in device.Metrics)
                {
                    var tag = type.Tags[metric.Name];
                    tag.Type.ShouldBe(metric.DataType.ToString().ToLowerInvariant(), $"{device.TypeName}.{metric.Name}");
                    tag.Unit.ShouldBe(metric.Unit, $"{device.TypeName}.{metric.Name}");
                    tag.Min.ShouldBe(metric.Min, $"{device.TypeName}.{metric.Name}");
                    tag.Max.ShouldBe(metric.Max, $"{device.TypeName}.{metric.Name}");
                }
            }
        }

        file.Equipment.Count.ShouldBe(plant.Devices.Count());
    }
}
