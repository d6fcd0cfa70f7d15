using Nightshift.Core.Assets;
using Nightshift.Server.Components.Display;
using Nightshift.Server.Components.Live;
using Nightshift.Server.Live;
using Nightshift.Twins.Equipment;

namespace Nightshift.Server.Tests.Components;

public class LivePlantTests
{
    private static readonly DateTime T0 = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    private static readonly AssetType Press = new(
        "Press",
        [
            new TagDefinition("state", TagDataType.String),
            new TagDefinition("power", TagDataType.Double, "kW") { Key = true },
            new TagDefinition("strokes", TagDataType.Long, "{count}") { Key = true },
        ],
        [],
        StateModel.Machine);

    private static readonly AssetType Meter = new("Meter", [new TagDefinition("label", TagDataType.String), new TagDefinition("energy", TagDataType.Double, "kWh")], [], StateModel.Utility);

    private static AssetNode Node(string path, AssetKind kind, string name, params AssetNode[] children) =>
        new(AssetPath.Parse(path), kind, name, children);

    private static AssetNode Equipment(string path, string type) =>
        new(AssetPath.Parse(path), AssetKind.Equipment, AssetPath.Parse(path).Name, []) { TypeName = type };

    private static PlantModel Plant() => new(
        "t1",
        [Press, Meter],
        [
            Node(
                "s",
                AssetKind.Site,
                "Stuttgart",
                Node(
                    "s/press-shop",
                    AssetKind.Area,
                    "Press shop",
                    Node("s/press-shop/line", AssetKind.Line, "Press line", Node("s/press-shop/line/cell", AssetKind.Cell, "Cell", Equipment("s/press-shop/line/cell/press-1", "Press")), Equipment("s/press-shop/line/press-2", "Press"))),
                Node("s/utilities", AssetKind.Area, "Utilities", Equipment("s/utilities/meter", "Meter")),
                Equipment("s/solar", "Meter")) with { TimeZone = "Europe/Berlin" },
        ]);

    [Fact]
    public void Lines_and_areas_make_bands_and_cells_join_the_band_of_their_line()
    {
        var plant = new LivePlant(Plant());

        var site = plant.Sites.ShouldHaveSingleItem();
        site.TimeZone.Id.ShouldBe("Europe/Berlin");
        site.Bands.Select(b => (b.Node.Path.Value, string.Join('>', b.Trail), string.Join(',', b.Equipment.Select(e => e.Path.Split('/')[^1]))))
            .ShouldBe(
            [
                ("s/press-shop/line", "Press shop>Press line", "press-1,press-2"),
                ("s/utilities", "Utilities", "meter"),
                ("s", string.Empty, "solar"),
            ]);
        plant.Count.ShouldBe(4);
    }

    [Fact]
    public void Key_tags_are_the_marked_ones_or_else_the_first_numeric_tags()
    {
        var plant = new LivePlant(Plant());

        plant.Find("s/press-shop/line/press-2").ShouldNotBeNull().KeyTags.Select(t => t.Name).ShouldBe(["power", "strokes"]);
        plant.Find("s/utilities/meter").ShouldNotBeNull().KeyTags.Select(t => t.Name).ShouldBe(["energy"]);
    }

    [Fact]
    public void A_live_update_sets_values_state_and_connection()
    {
        var plant = new LivePlant(Plant());
        var press = plant.Find("s/press-shop/line/press-2").ShouldNotBeNull();
        press.Status.Label.ShouldBe("No data");

        plant.Apply(new LiveUpdate("t1", press.Path, [new LiveTagValue("power", 512.5, "Good", true, T0), new LiveTagValue("state", "Down", "Good", true, T0.AddSeconds(-2))]) { State = "Down" }, T0.AddSeconds(5)).ShouldBeTrue();

        press.Tag("power").ShouldNotBeNull().Value.ShouldBe(512.5);
        press.Status.Label.ShouldBe("Down");
        press.Status.Since.ShouldBe(T0.AddSeconds(-2));
        press.Status.TimeInState(T0.AddMinutes(1)).ShouldBe(TimeSpan.FromSeconds(62));
        StateColors.Of(press.StateModel, press.Status).ShouldBe("#d64545");

        plant.Apply(new LiveUpdate("t1", press.Path, []) { Online = false }, T0.AddSeconds(6));
        press.Status.Label.ShouldBe("Offline");
        StateColors.Of(press.StateModel, press.Status).ShouldBe("#4a4f5a");
    }

    [Fact]
    public void An_update_of_equipment_outside_the_view_is_ignored()
    {
        var plant = new LivePlant(Plant());

        plant.Apply(new LiveUpdate("t1", "elsewhere/pump", [new LiveTagValue("power", 1.0, "Good", true, T0)]), T0).ShouldBeFalse();
    }

    [Fact]
    public void A_snapshot_does_not_replace_values_that_arrived_live_later()
    {
        var plant = new LivePlant(Plant());
        var press = plant.Find("s/press-shop/line/press-2").ShouldNotBeNull();
        plant.Apply(new LiveUpdate("t1", press.Path, [new LiveTagValue("power", 600.0, "Good", true, T0.AddSeconds(10))]) { State = "Running" }, T0.AddSeconds(10));

        press.Load(new EquipmentSnapshot(
            "t1",
            press.Path,
            new Dictionary<string, TagValue>
            {
                ["power"] = new(Core.Samples.ValueKind.Double, 550, null, 0, T0),
                ["strokes"] = new(Core.Samples.ValueKind.Long, 1234, null, 0x8031_0000, T0),
            },
            "Idle",
            T0.AddMinutes(-5),
            Online: true,
            SamplesReceived: 42,
            StateChanges: 3,
            LastUpdate: T0));

        press.Tag("power").ShouldNotBeNull().Value.ShouldBe(600.0);
        var strokes = press.Tag("strokes").ShouldNotBeNull();
        strokes.Value.ShouldBe(1234L);
        strokes.Good.ShouldBeFalse();
        strokes.Quality.ShouldBe("BadNoCommunication");
        press.Status.State.ShouldBe("Running");
        press.Status.SamplesReceived.ShouldBe(42);
    }

    [Fact]
    public void A_rebuilt_view_keeps_the_live_equipment_whose_type_is_unchanged()
    {
        var first = new LivePlant(Plant());
        var press = first.Find("s/press-shop/line/press-2").ShouldNotBeNull();

        var second = new LivePlant(Plant(), first);

        second.Find("s/press-shop/line/press-2").ShouldBeSameAs(press);
    }

    [Fact]
    public void Tag_names_list_the_type_tags_then_the_others_that_reported()
    {
        var plant = new LivePlant(Plant());
        var press = plant.Find("s/press-shop/line/press-2").ShouldNotBeNull();
        plant.Apply(new LiveUpdate("t1", press.Path, [new LiveTagValue("zeta", 1L, "Good", true, T0), new LiveTagValue("alpha", true, "Good", true, T0)]), T0);

        press.TagNames().ShouldBe(["state", "power", "strokes", "alpha", "zeta"]);
    }
}
