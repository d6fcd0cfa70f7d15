using Nightshift.Core.Assets;
using Nightshift.Core.Series;

namespace Nightshift.Core.Tests.Assets;

public class SeriesRegistryTests
{
    [Fact]
    public void Loaded_series_keep_their_ids_and_new_ones_continue_after_the_highest()
    {
        var registry = new SeriesRegistry();
        registry.Load([new SeriesInfo(new SeriesId(1), "t", TagPath.Parse("a/b.x")), new SeriesInfo(new SeriesId(3), "t", TagPath.Parse("a/b.y"))]);

        registry.GetOrAdd("t", TagPath.Parse("a/b.y")).Id.Value.ShouldBe(3);
        registry.GetOrAdd("t", TagPath.Parse("a/b.z"), out var added).Id.Value.ShouldBe(4);
        added.ShouldBeTrue();
        registry.Since(3).Select(s => s.Id.Value).ShouldBe([4]);
        registry.TryGet(new SeriesId(2), out _).ShouldBeFalse();
    }

    [Fact]
    public void Concurrent_additions_of_one_path_give_one_id()
    {
        var registry = new SeriesRegistry();
        var ids = new int[64];
        Parallel.For(0, ids.Length, i => ids[i] = registry.GetOrAdd("t", TagPath.Parse("a/b.same")).Id.Value);

        ids.Distinct().Count().ShouldBe(1);
        registry.Count.ShouldBe(1);
    }

    [Fact]
    public void Under_lists_the_series_of_one_tenant_below_a_path()
    {
        var registry = new SeriesRegistry();
        registry.GetOrAdd("t", TagPath.Parse("plant/line-1/m.x"));
        registry.GetOrAdd("t", TagPath.Parse("plant/line-10/m.x"));
        registry.GetOrAdd("other", TagPath.Parse("plant/line-1/m.y"));

        registry.Under("t", AssetPath.Parse("plant/line-1")).Select(s => s.Path.ToString()).ShouldBe(["plant/line-1/m.x"]);
    }
}
