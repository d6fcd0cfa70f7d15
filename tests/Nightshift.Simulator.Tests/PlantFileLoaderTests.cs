using Nightshift.Core.Plant;
using Nightshift.Simulator.Model;

namespace Nightshift.Simulator.Tests;

public sealed class PlantFileLoaderTests
{
    [Fact]
    public async Task The_platforms_loader_binds_every_simulated_device_to_equipment_whose_type_declares_its_metrics()
    {
        var path = PlantFile.Path();
        var model = await PlantFileLoader.LoadFileAsync(path, "other", TestContext.Current.CancellationToken);
        var plant = new VirtualPlant(42, new DateTime(2026, 3, 2, 5, 0, 0, DateTimeKind.Utc));

        model.Tenant.ShouldBe("demo");
        model.Sites.Single().TimeZone.ShouldBe(VirtualPlant.TimeZoneId);
        foreach (var node in plant.EdgeNodes)
        {
            foreach (var device in node.Devices)
            {
                var equipment = model.FindBySource($"spBv1.0/{VirtualPlant.GroupId}/{node.Id}/{device.Id}");
                equipment.ShouldNotBeNull($"{node.Id}/{device.Id}");
                equipment.Path.Name.ShouldBe(device.Id);
                equipment.Path.Segments.ShouldContain(node.Id);
                var type = model.FindType(equipment.TypeName);
                type.ShouldNotBeNull();
                type.StateModel.Name.ShouldBe(device is MachineDevice ? "machine" : "utility");
                foreach (var metric in device.Metrics)
                {
                    var tag = type.FindTag(metric.Name);
                    tag.ShouldNotBeNull($"{type.Name}.{metric.Name}");
                    tag.DataType.ShouldBe(metric.DataType);
                    tag.Unit.ShouldBe(metric.Unit);
                }
            }
        }

        model.Equipment.Count().ShouldBe(plant.Devices.Count());
    }
}
