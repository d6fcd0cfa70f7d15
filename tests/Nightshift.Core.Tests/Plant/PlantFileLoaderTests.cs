using Nightshift.Core.Assets;
using Nightshift.Core.Plant;

namespace Nightshift.Core.Tests.Plant;

public class PlantFileLoaderTests
{
    [Fact]
    public void A_valid_file_loads_its_tenant_types_and_hierarchy()
    {
        var model = PlantFileLoader.Load(SamplePlantFiles.FileName, SamplePlantFiles.Valid, "fallback");

        model.Tenant.ShouldBe("demo");
        model.Types.Select(t => t.Name).ShouldBe(["Press", "Meter"]);
        model.Sites.Select(s => s.Path.Value).ShouldBe(["stuttgart", "austin"]);

        var site = model.Sites[0];
        site.Kind.ShouldBe(AssetKind.Site);
        site.DisplayName.ShouldBe("Stuttgart body plant");
        site.TimeZone.ShouldBe("Europe/Berlin");
        model.Sites[1].DisplayName.ShouldBe("austin");
        model.Sites[1].TimeZone.ShouldBe("America/Chicago");
        model.Sites[1].Children.ShouldBeEmpty();

        var line = model.Find(AssetPath.Parse("stuttgart/press-shop/press-line")).ShouldNotBeNull();
        line.Kind.ShouldBe(AssetKind.Line);
        line.DisplayName.ShouldBe("Press line");
        line.Children.Select(c => (c.Path.Name, c.Kind)).ShouldBe([("presses", AssetKind.Cell), ("line-meter", AssetKind.Equipment)]);
        model.Find(AssetPath.Parse("stuttgart/press-shop")).ShouldNotBeNull().Kind.ShouldBe(AssetKind.Area);
        model.Equipment.Count().ShouldBe(3);
    }

    [Fact]
    public void Equipment_carries_its_type_source_name_and_attributes_over_the_type_defaults()
    {
        var model = PlantFileLoader.Load(SamplePlantFiles.FileName, SamplePlantFiles.Valid, "fallback");

        var press1 = model.FindBySource("spBv1.0/VirtualPlant/press-line/press-1").ShouldNotBeNull();
        press1.Path.Value.ShouldBe("stuttgart/press-shop/press-line/presses/press-1");
        press1.Kind.ShouldBe(AssetKind.Equipment);
        press1.DisplayName.ShouldBe("Press 1");
        press1.TypeName.ShouldBe("Press");
        press1.TimeZone.ShouldBeNull();
        press1.Attributes.ShouldBe(new Dictionary<string, string> { ["tonnage"] = "1800", ["vendor"] = "Schuler" }, ignoreOrder: true);

        var press2 = model.Find(AssetPath.Parse("stuttgart/press-shop/press-line/presses/press-2")).ShouldNotBeNull();
        press2.DisplayName.ShouldBe("press-2");
        press2.Attributes.ShouldBe(new Dictionary<string, string> { ["tonnage"] = "2500" }, ignoreOrder: true);

        var meter = model.Find(AssetPath.Parse("stuttgart/press-shop/press-line/line-meter")).ShouldNotBeNull();
        meter.TypeName.ShouldBe("Meter");
        meter.Source.ShouldBe("spBv1.0/VirtualPlant/press-line/meter");
        meter.Attributes.ShouldBeEmpty();
    }

    [Fact]
    public void A_type_has_its_tags_attributes_and_state_model()
    {
        var model = PlantFileLoader.Load(SamplePlantFiles.FileName, SamplePlantFiles.Valid, "fallback");

        var press = model.FindType("Press").ShouldNotBeNull();
        press.Description.ShouldBe("Servo press");
        press.StateModel.ShouldBeSameAs(StateModel.Machine);
        press.Attributes.ShouldBe([new AttributeDefinition("tonnage", "t", "2500"), new AttributeDefinition("vendor")]);
        press.Tags.Select(t => t.Name).ShouldBe(["state", "power", "goodCount", "running"]);
        press.FindTag("state").ShouldBe(new TagDefinition("state", TagDataType.String));
        press.FindTag("power").ShouldBe(new TagDefinition("power", TagDataType.Double, "kW", 0, 900, "Drive power") { Key = true, Deadband = 0.5 });
        press.FindTag("goodCount").ShouldBe(new TagDefinition("goodCount", TagDataType.Long, "{count}"));
        press.FindTag("running").ShouldBe(new TagDefinition("running", TagDataType.Bool));

        var meter = model.FindType("Meter").ShouldNotBeNull();
        meter.StateModel.ShouldBeSameAs(StateModel.Utility);
        meter.Description.ShouldBeNull();
        meter.Attributes.ShouldBeEmpty();
    }

    [Fact]
    public void The_default_tenant_applies_when_the_file_names_none_and_the_state_model_defaults_to_machine()
    {
        const string Yaml = """
            types:
              Pump: { tags: { flow: { type: double } } }
            sites:
              - id: lab
                timeZone: UTC
                areas:
                  - id: a
                    lines:
                      - id: l
                        equipment:
                          - { id: p1, type: Pump }
            """;

        var model = PlantFileLoader.Load("lab.yaml", Yaml, "acme");

        model.Tenant.ShouldBe("acme");
        model.FindType("Pump").ShouldNotBeNull().StateModel.ShouldBeSameAs(StateModel.Machine);
        model.Find(AssetPath.Parse("lab/a/l/p1")).ShouldNotBeNull().Source.ShouldBeNull();
    }

    [Fact]
    public async Task A_file_on_disk_loads_and_its_errors_name_the_path()
    {
        var directory = Directory.CreateTempSubdirectory("nightshift-plant-");
        try
        {
            var valid = Path.Combine(directory.FullName, "valid.yaml");
            var broken = Path.Combine(directory.FullName, "broken.yaml");
            await File.WriteAllTextAsync(valid, SamplePlantFiles.Valid, TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(broken, "tenant: demo\ntypes: {}\n", TestContext.Current.CancellationToken);

            PlantFileLoader.LoadFile(valid, "x").Equipment.Count().ShouldBe(3);
            (await PlantFileLoader.LoadFileAsync(valid, "x", TestContext.Current.CancellationToken)).Tenant.ShouldBe("demo");

            var error = Should.Throw<PlantFileException>(() => PlantFileLoader.LoadFile(broken, "x")).Errors.ShouldHaveSingleItem();
            error.ToString().ShouldBe($"{broken}:1:1: sites: missing required field 'sites'");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_missing_file_is_a_plant_file_error_naming_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), "nightshift-no-such-dir", "missing.yaml");

        var exception = Should.Throw<PlantFileException>(() => PlantFileLoader.LoadFile(path, "x"));

        var error = exception.Errors.ShouldHaveSingleItem();
        error.File.ShouldBe(path);
        error.Line.ShouldBe(0);
        error.Message.ShouldStartWith("cannot read the file");
        error.ToString().ShouldStartWith(path + ": cannot read the file");
    }
}
