namespace Nightshift.Twins.Tests;

public sealed class TwinKeysTests
{
    [Fact]
    public void An_equipment_key_splits_into_its_tenant_and_path()
    {
        var key = TwinKeys.Equipment("acme", "body/weld/line1/cell2/robot3");

        TwinKeys.Split(key).ShouldBe(("acme", "body/weld/line1/cell2/robot3"));
    }

    [Fact]
    public void An_edge_node_key_keeps_group_and_node_in_its_address()
    {
        var key = TwinKeys.EdgeNode("acme", "body", "gateway1");

        TwinKeys.Split(key).ShouldBe(("acme", "body|gateway1"));
    }

    [Fact]
    public void A_key_without_a_tenant_is_all_address()
    {
        TwinKeys.Split("press1").ShouldBe((string.Empty, "press1"));
    }
}
