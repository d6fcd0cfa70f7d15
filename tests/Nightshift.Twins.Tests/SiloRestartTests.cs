using Nightshift.Core.Samples;
using Nightshift.Twins.EdgeNodes;
using Nightshift.Twins.Equipment;
using Nightshift.Twins.Storage;

namespace Nightshift.Twins.Tests;

public sealed class SiloRestartTests : IDisposable
{
    private const string Path = "paint/oven/line1/zone1/burner";
    private readonly TemporaryFolder _folder = new();
    private readonly string _tenant = Twin.NewTenant();

    private string DatabaseFile => _folder.File("twins.db");

    private string EquipmentKey => TwinKeys.Equipment(_tenant, Path);

    private string EdgeNodeKey => TwinKeys.EdgeNode(_tenant, "paint", "gateway2");

    [Fact]
    public async Task Twins_survive_a_graceful_silo_restart_on_the_same_file()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var session = Sessions.Birth("paint", "gateway2", bdSeq: 4, birthSeconds: 5, lastSeq: 17);
        EquipmentSnapshot before;
        await using (var first = await TwinSilo.StartAsync(DatabaseFile, cancellationToken))
        {
            var equipment = first.Grains.GetGrain<IEquipmentGrain>(EquipmentKey);
            await equipment.ApplyAsync([Twin.State("Running", 10), Twin.Number("gas", 12.5, 10), Twin.Text("recipe", "E-coat", 10)], Twin.StateTag);
            await equipment.SetOnlineAsync(false, Quality.BadNotConnected.Code, Twin.At(20));
            await equipment.SetOnlineAsync(true, Quality.Good.Code, Twin.At(30));
            await equipment.ApplyAsync([Twin.State("Idle", 40), Twin.Number("gas", 3.25, 41)], Twin.StateTag);
            await first.Grains.GetGrain<IEdgeNodeGrain>(EdgeNodeKey).SaveSessionAsync(session);
            before = await equipment.GetSnapshotAsync();

            await first.StopAsync(cancellationToken);

            var stored = await ReadStoredAsync(first, equipment.GetGrainId());
            stored.RecordExists.ShouldBeTrue("a graceful stop deactivates the twin, which writes its state");
            stored.State.State.ShouldBe("Idle");
            stored.State.Tags["gas"].Number.ShouldBe(3.25);
            first.Logs.Errors.ShouldBeEmpty();
        }

        await using var second = await TwinSilo.StartAsync(DatabaseFile, cancellationToken);
        var after = await second.Grains.GetGrain<IEquipmentGrain>(EquipmentKey).GetSnapshotAsync();
        (after with { Tags = before.Tags }).ShouldBe(before);
        after.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).ShouldBe(before.Tags.OrderBy(t => t.Key, StringComparer.Ordinal));
        after.State.ShouldBe("Idle");
        after.StateChanges.ShouldBe(4);
        after.SamplesReceived.ShouldBe(5);
        var edgeNode = await second.Grains.GetGrain<IEdgeNodeGrain>(EdgeNodeKey).GetStateAsync();
        Sessions.Json(edgeNode.Session).ShouldBe(Sessions.Json(session));
        edgeNode.Births.ShouldBe(1);
        second.Listener.StateChangesOf(_tenant, Path).ShouldBeEmpty("reloading a twin is not a change of state");
        second.Logs.Errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_restored_offline_twin_comes_back_with_the_state_before_offline()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using (var first = await TwinSilo.StartAsync(DatabaseFile, cancellationToken))
        {
            var equipment = first.Grains.GetGrain<IEquipmentGrain>(EquipmentKey);
            await equipment.ApplyAsync([Twin.State("Changeover", 10)], Twin.StateTag);
            await equipment.SetOnlineAsync(false, Quality.BadNotConnected.Code, Twin.At(20));
        }

        await using var second = await TwinSilo.StartAsync(DatabaseFile, cancellationToken);
        var restored = second.Grains.GetGrain<IEquipmentGrain>(EquipmentKey);
        (await restored.GetSnapshotAsync()).State.ShouldBe("Offline");

        await restored.SetOnlineAsync(true, Quality.Good.Code, Twin.At(30));

        (await restored.GetSnapshotAsync()).State.ShouldBe("Changeover");
        second.Listener.StateChangesOf(_tenant, Path).ShouldBe([new StateChange(_tenant, Path, "Offline", "Changeover", Twin.At(30))]);
    }

    public void Dispose() => _folder.Dispose();

    private async Task<StoredState<EquipmentTwinState>> ReadStoredAsync(TwinSilo silo, GrainId grainId)
    {
        var stored = new StoredState<EquipmentTwinState>();
        await new SqliteGrainStorage(DatabaseFile, silo.Serializer).ReadStateAsync("equipment", grainId, stored);
        return stored;
    }
}
