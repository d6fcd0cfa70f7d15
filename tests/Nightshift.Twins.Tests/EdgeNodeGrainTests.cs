using Nightshift.Twins.EdgeNodes;
using Nightshift.Twins.Storage;

namespace Nightshift.Twins.Tests;

public sealed class EdgeNodeGrainTests(SharedSilo shared)
{
    private readonly string _tenant = Twin.NewTenant();

    private IEdgeNodeGrain Grain => shared.Silo.Grains.GetGrain<IEdgeNodeGrain>(TwinKeys.EdgeNode(_tenant, "body", "gateway1"));

    [Fact]
    public async Task A_new_edge_node_has_no_session()
    {
        (await Grain.GetSessionAsync()).ShouldBeNull();
        var state = await Grain.GetStateAsync();
        state.Births.ShouldBe(0);
        state.Deaths.ShouldBe(0);
    }

    [Fact]
    public async Task A_saved_session_is_read_back_and_stored_at_once()
    {
        var session = Sessions.Birth("body", "gateway1", bdSeq: 7, birthSeconds: 10, lastSeq: 42);

        await Grain.SaveSessionAsync(session);

        Sessions.Json(await Grain.GetSessionAsync()).ShouldBe(Sessions.Json(session));
        var stored = new StoredState<EdgeNodeState>();
        var storage = new SqliteGrainStorage(shared.DatabaseFile, shared.Silo.Serializer);
        await storage.ReadStateAsync("edgenode", Grain.GetGrainId(), stored);
        stored.RecordExists.ShouldBeTrue();
        Sessions.Json(stored.State.Session).ShouldBe(Sessions.Json(session));
        stored.State.Births.ShouldBe(1);
    }

    [Fact]
    public async Task Births_and_deaths_are_counted_once_each()
    {
        var birth = Sessions.Birth("body", "gateway1", bdSeq: 0, birthSeconds: 10);
        await Grain.SaveSessionAsync(birth);
        await Grain.SaveSessionAsync(birth with { LastSeq = 1 });
        await Grain.SaveSessionAsync(birth with { LastSeq = 2 });
        await ShouldCountAsync(births: 1, deaths: 0);

        await Grain.SaveSessionAsync(Sessions.Death(birth with { LastSeq = 2 }));
        await Grain.SaveSessionAsync(Sessions.Death(birth with { LastSeq = 2 }));
        await ShouldCountAsync(births: 1, deaths: 1);

        var rebirth = Sessions.Birth("body", "gateway1", bdSeq: 1, birthSeconds: 20);
        await Grain.SaveSessionAsync(rebirth);
        await ShouldCountAsync(births: 2, deaths: 1);

        await Grain.SaveSessionAsync(Sessions.Birth("body", "gateway1", bdSeq: 1, birthSeconds: 30));
        await ShouldCountAsync(births: 3, deaths: 1);
        (await Grain.GetSessionAsync())!.BirthTime.ShouldBe(Twin.At(30));
    }

    [Fact]
    public async Task A_death_before_any_birth_is_not_counted()
    {
        await Grain.SaveSessionAsync(Sessions.Death(Sessions.Birth("body", "gateway1", bdSeq: 3, birthSeconds: 10)));

        await ShouldCountAsync(births: 0, deaths: 0);
        (await Grain.GetSessionAsync())!.Online.ShouldBeFalse();
    }

    private async Task ShouldCountAsync(long births, long deaths)
    {
        var state = await Grain.GetStateAsync();
        state.Births.ShouldBe(births);
        state.Deaths.ShouldBe(deaths);
    }
}
