using System.Text.Json;
using System.Text.RegularExpressions;
using Nightshift.Core.Plant;

namespace Nightshift.Core.Tests.Plant;

/// <summary>The plant files, docs and schema in the repository agree with the loader.</summary>
public class RepositoryPlantFileTests
{
    [Fact]
    public void The_virtual_plant_file_loads()
    {
        var model = PlantFileLoader.LoadFile(Path.Combine(RepositoryRoot(), "plants", "virtual-plant.yaml"), "demo");

        model.Sites.ShouldNotBeEmpty();
        model.Types.ShouldNotBeEmpty();
        model.Equipment.ShouldNotBeEmpty();
        model.Equipment.ShouldAllBe(e => model.FindType(e.TypeName) != null);
    }

    [Fact]
    public void The_full_example_in_the_docs_loads()
    {
        var model = PlantFileLoader.Load("plant-files.md", DocsExample(), "fallback");

        model.Tenant.ShouldBe("demo");
        model.Find(Core.Assets.AssetPath.Parse("stuttgart/press-shop/press-line/presses/press-2")).ShouldNotBeNull()
            .Attributes.ShouldBe(new Dictionary<string, string> { ["tonnage"] = "2500" }, ignoreOrder: true);
    }

    [Fact]
    public void The_error_listing_in_the_docs_is_what_the_loader_prints()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "plant-files.md"));
        var listing = Regex.Match(docs, "```text\n(plants/stuttgart\\.yaml: .*?)\n```", RegexOptions.Singleline).Groups[1].Value;
        var yaml = DocsExample()
            .Replace("min: 0, max: 900", "min: abc, max: 900", StringComparison.Ordinal)
            .Replace("timeZone: Europe/Berlin ", "timeZone: Europe/Berln  ", StringComparison.Ordinal)
            .Replace("- id: press-2\n                    type: Press", "- id: press-2\n                    tpye: Press", StringComparison.Ordinal)
            .Replace("type: GridMeter\n                source: spBv1.0/VirtualPlant/press-line/meter", "type: Prss\n                source: spBv1.0/VirtualPlant/press-line/meter", StringComparison.Ordinal);

        var exception = Should.Throw<PlantFileException>(() => PlantFileLoader.Load("plants/stuttgart.yaml", yaml, "x"));

        exception.Message.ShouldBe(listing);
    }

    [Fact]
    public void The_schema_is_a_draft_2020_12_json_schema_requiring_types_and_sites()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "schemas", "plant.schema.json")));

        schema.RootElement.GetProperty("$schema").GetString().ShouldBe("https://json-schema.org/draft/2020-12/schema");
        schema.RootElement.GetProperty("required").EnumerateArray().Select(e => e.GetString()).ShouldBe(["types", "sites"]);
        schema.RootElement.GetProperty("$defs").GetProperty("equipment").GetProperty("properties").EnumerateObject().Select(p => p.Name)
            .ShouldBe(["id", "name", "type", "source", "attributes"]);
    }

    private static string DocsExample()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "plant-files.md"));
        var example = Regex.Match(docs, "## A full example\n\n```yaml\n(.*?)```", RegexOptions.Singleline);
        example.Success.ShouldBeTrue();
        return example.Groups[1].Value;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Nightshift.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("the repository root (with Nightshift.slnx) is not above " + AppContext.BaseDirectory);
    }
}
