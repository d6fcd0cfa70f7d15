using Nightshift.Core.Assets;

namespace Nightshift.Core.Tests.Assets;

public class AssetPathTests
{
    [Fact]
    public void A_path_is_at_or_under_its_ancestors_but_not_under_a_sibling_with_a_common_prefix()
    {
        var robot = AssetPath.Parse("plant/body/weld-1/cell-1/robot-1");

        robot.IsAtOrUnder(AssetPath.Parse("plant/body")).ShouldBeTrue();
        robot.IsAtOrUnder(robot).ShouldBeTrue();
        robot.IsAtOrUnder(AssetPath.Root).ShouldBeTrue();
        robot.IsAtOrUnder(AssetPath.Parse("plant/bod")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("plant/with space")]
    [InlineData("plant/dot.ted")]
    [InlineData("plant//x/")]
    public void An_invalid_segment_is_refused_with_a_reason(string value)
    {
        AssetPath.TryParse(value, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void A_tag_path_splits_at_the_first_dot_so_tag_names_may_hold_slashes_and_dots()
    {
        var path = TagPath.Parse("lab/edge-1/pump.Node Control/Rebirth.v2");

        path.Asset.Value.ShouldBe("lab/edge-1/pump");
        path.Tag.ShouldBe("Node Control/Rebirth.v2");
        path.ToString().ShouldBe("lab/edge-1/pump.Node Control/Rebirth.v2");
    }
}
