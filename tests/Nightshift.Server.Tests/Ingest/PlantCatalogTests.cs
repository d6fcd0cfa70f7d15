using Nightshift.Core.Assets;
using Nightshift.Core.Ingest;
using Nightshift.Server.Ingest;

namespace Nightshift.Server.Tests.Ingest;

public class PlantCatalogTests
{
    private static PlantModel Plant()
    {
        var press = new AssetType("Press", [new TagDefinition("power", TagDataType.Double, "kW")], [], StateModel.Machine);
        var site = AssetPath.Parse("plant");
        var equipment = new AssetNode(AssetPath.Parse("plant/line/press-1"), AssetKind.Equipment, "Press 1", []) { TypeName = "Press", Source = "spBv1.0/G/line/press-1" };
        var line = new AssetNode(AssetPath.Parse("plant/line"), AssetKind.Line, "Line", [equipment]);
        return new PlantModel("t1", [press], [new AssetNode(site, AssetKind.Site, "Plant", [line]) { TimeZone = "Europe/Berlin" }]);
    }

    [Fact]
    public void A_discovered_source_appears_as_a_tree_with_a_type_made_from_its_birth()
    {
        var catalog = new PlantCatalog();
        catalog.SetPlant(Plant());

        var path = Normalizer.DiscoveredPath("spBv1.0/Lab/edge 1/pump");
        catalog.Discover("t1", path, "spBv1.0/Lab/edge 1/pump", [new SourceMetric("temperature", TagDataType.Double, "degC")]).ShouldBeTrue();

        var model = catalog.Get("t1").ShouldNotBeNull();
        model.Find(AssetPath.Parse("plant/line/press-1")).ShouldNotBeNull();
        model.Find(AssetPath.Parse("Lab")).ShouldNotBeNull().Kind.ShouldBe(AssetKind.Site);
        var pump = model.Find(AssetPath.Parse("Lab/edge-1/pump")).ShouldNotBeNull();
        pump.Kind.ShouldBe(AssetKind.Equipment);
        catalog.TypeOf("t1", pump.Path).ShouldNotBeNull().FindTag("temperature").ShouldNotBeNull().Unit.ShouldBe("degC");
    }

    [Fact]
    public void Discovering_the_same_source_again_without_new_metrics_changes_nothing()
    {
        var catalog = new PlantCatalog();
        var path = AssetPath.Parse("Lab/n/d");
        catalog.Discover("t1", path, "spBv1.0/Lab/n/d", [new SourceMetric("x", TagDataType.Long)]).ShouldBeTrue();

        catalog.Discover("t1", path, "spBv1.0/Lab/n/d", null).ShouldBeFalse();
        catalog.Discover("t1", path, "spBv1.0/Lab/n/d", [new SourceMetric("x", TagDataType.Long)]).ShouldBeFalse();
        catalog.TypeOf("t1", path).ShouldNotBeNull().Tags.Count.ShouldBe(1);
    }

    [Fact]
    public void Configured_equipment_is_never_replaced_by_discovery()
    {
        var catalog = new PlantCatalog();
        catalog.SetPlant(Plant());

        catalog.Discover("t1", AssetPath.Parse("plant/line/press-1"), "api/plant/line/press-1", null).ShouldBeFalse();

        catalog.TypeOf("t1", AssetPath.Parse("plant/line/press-1")).ShouldNotBeNull().Name.ShouldBe("Press");
    }

    [Fact]
    public void Tenants_do_not_see_each_others_assets()
    {
        var catalog = new PlantCatalog();
        catalog.SetPlant(Plant());
        catalog.Discover("t2", AssetPath.Parse("Other/n/d"), "spBv1.0/Other/n/d", null);

        catalog.Get("t1").ShouldNotBeNull().Find(AssetPath.Parse("Other")).ShouldBeNull();
        catalog.Get("t2").ShouldNotBeNull().Find(AssetPath.Parse("plant")).ShouldBeNull();
        catalog.Get("t3").ShouldBeNull();
    }
}
