using Nightshift.Core.Samples;
using Nightshift.Twins.Equipment;

namespace Nightshift.Twins.Tests;

public sealed class EquipmentGrainTests(SharedSilo shared)
{
    private const string Path = "body/weld/line1/cell2/robot3";
    private readonly string _tenant = Twin.NewTenant();

    private TwinSilo Silo => shared.Silo;

    private IEquipmentGrain Grain => Silo.Grains.GetGrain<IEquipmentGrain>(TwinKeys.Equipment(_tenant, Path));

    [Fact]
    public async Task The_snapshot_names_the_tenant_and_path_of_the_key()
    {
        var snapshot = await Grain.GetSnapshotAsync();

        snapshot.Tenant.ShouldBe(_tenant);
        snapshot.Path.ShouldBe(Path);
        snapshot.Tags.ShouldBeEmpty();
        snapshot.State.ShouldBeNull();
        snapshot.Online.ShouldBeFalse();
    }

    [Fact]
    public async Task Tag_updates_keep_the_newest_value_of_each_tag()
    {
        await Grain.ApplyAsync([Twin.Number("speed", 1, 10), Twin.Number("temperature", 20.5, 10)], Twin.StateTag);
        await Grain.ApplyAsync([Twin.Number("speed", 2, 20)], Twin.StateTag);
        await Grain.ApplyAsync([Twin.Number("speed", 99, 15), Twin.Number("temperature", 21, 30)], Twin.StateTag);

        var snapshot = await Grain.GetSnapshotAsync();
        snapshot.Tags.Keys.Order(StringComparer.Ordinal).ShouldBe(["speed", "temperature"]);
        snapshot.Tags["speed"].ToSampleValue().ShouldBe(SampleValue.FromDouble(2));
        snapshot.Tags["speed"].Timestamp.ShouldBe(Twin.At(20));
        snapshot.Tags["temperature"].ToSampleValue().ShouldBe(SampleValue.FromDouble(21));
        snapshot.Tags["temperature"].ToQuality().ShouldBe(Quality.Good);
        snapshot.SamplesReceived.ShouldBe(5);
        snapshot.LastUpdate.ShouldBe(Twin.At(30));
    }

    [Fact]
    public async Task A_late_sample_does_not_replace_a_newer_value_within_one_batch()
    {
        await Grain.ApplyAsync([Twin.Number("speed", 2, 20), Twin.Number("speed", 1, 10)], Twin.StateTag);

        var snapshot = await Grain.GetSnapshotAsync();
        snapshot.Tags["speed"].ToSampleValue().ShouldBe(SampleValue.FromDouble(2));
        snapshot.LastUpdate.ShouldBe(Twin.At(20));
    }

    [Fact]
    public async Task A_sample_with_the_same_timestamp_replaces_the_value()
    {
        await Grain.ApplyAsync([Twin.Number("speed", 1, 10)], Twin.StateTag);
        await Grain.ApplyAsync([Twin.Number("speed", 3, 10, Quality.Uncertain)], Twin.StateTag);

        var speed = (await Grain.GetSnapshotAsync()).Tags["speed"];
        speed.ToSampleValue().ShouldBe(SampleValue.FromDouble(3));
        speed.ToQuality().ShouldBe(Quality.Uncertain);
    }

    [Fact]
    public async Task A_change_of_the_state_tag_changes_the_state_and_tells_the_listener_once_per_change()
    {
        await Grain.ApplyAsync([Twin.State("Running", 10)], Twin.StateTag);
        await Grain.ApplyAsync([Twin.State("Running", 20), Twin.Number("speed", 5, 20)], Twin.StateTag);
        await Grain.ApplyAsync([Twin.State("Idle", 30)], Twin.StateTag);
        await Grain.ApplyAsync([Twin.State("Idle", 40), Twin.State("Running", 50)], Twin.StateTag);

        var snapshot = await Grain.GetSnapshotAsync();
        snapshot.State.ShouldBe("Running");
        snapshot.StateSince.ShouldBe(Twin.At(50));
        snapshot.StateChanges.ShouldBe(3);
        snapshot.Tags[Twin.StateTag].Text.ShouldBe("Running");
        Silo.Listener.StateChangesOf(_tenant, Path).ShouldBe(
        [
            new StateChange(_tenant, Path, null, "Running", Twin.At(10)),
            new StateChange(_tenant, Path, "Running", "Idle", Twin.At(30)),
            new StateChange(_tenant, Path, "Idle", "Running", Twin.At(50)),
        ]);
    }

    [Fact]
    public async Task A_string_value_of_another_tag_does_not_change_the_state()
    {
        await Grain.ApplyAsync([Twin.State("Running", 10), Twin.Text("order", "PO-4711", 20)], Twin.StateTag);

        var snapshot = await Grain.GetSnapshotAsync();
        snapshot.State.ShouldBe("Running");
        snapshot.StateChanges.ShouldBe(1);
    }

    [Fact]
    public async Task A_late_state_sample_does_not_change_the_state()
    {
        await Grain.ApplyAsync([Twin.State("Running", 20)], Twin.StateTag);
        await Grain.ApplyAsync([Twin.State("Down", 10)], Twin.StateTag);

        var snapshot = await Grain.GetSnapshotAsync();
        snapshot.State.ShouldBe("Running");
        snapshot.StateSince.ShouldBe(Twin.At(20));
        snapshot.StateChanges.ShouldBe(1);
        Silo.Listener.StateChangesOf(_tenant, Path).Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_first_data_marks_the_twin_online_and_tells_the_listener_once()
    {
        await Grain.ApplyAsync([Twin.Number("speed", 1, 10)], Twin.StateTag);
        await Grain.ApplyAsync([Twin.Number("speed", 2, 20)], Twin.StateTag);

        (await Grain.GetSnapshotAsync()).Online.ShouldBeTrue();
        Silo.Listener.OnlineChangesOf(_tenant, Path).ShouldBe([new OnlineChange(_tenant, Path, true, Twin.At(10))]);
    }

    [Fact]
    public async Task Going_offline_marks_every_tag_with_the_quality_and_the_state_offline()
    {
        await Grain.ApplyAsync([Twin.State("Running", 10), Twin.Number("speed", 5, 10), Twin.Number("temperature", 80, 70)], Twin.StateTag);

        await Grain.SetOnlineAsync(false, Quality.BadNotConnected.Code, Twin.At(60));

        var snapshot = await Grain.GetSnapshotAsync();
        snapshot.Online.ShouldBeFalse();
        snapshot.State.ShouldBe("Offline");
        snapshot.StateSince.ShouldBe(Twin.At(60));
        snapshot.StateChanges.ShouldBe(2);
        snapshot.Tags.Count.ShouldBe(3);
        snapshot.Tags.Values.ShouldAllBe(v => v.Quality == Quality.BadNotConnected.Code);
        snapshot.Tags["speed"].Timestamp.ShouldBe(Twin.At(60));
        snapshot.Tags["speed"].ToSampleValue().ShouldBe(SampleValue.FromDouble(5), "the last value is kept, only its quality changes");
        snapshot.Tags["temperature"].Timestamp.ShouldBe(Twin.At(70), "a timestamp never goes back");
        Silo.Listener.StateChangesOf(_tenant, Path)[^1].ShouldBe(new StateChange(_tenant, Path, "Running", "Offline", Twin.At(60)));
        Silo.Listener.OnlineChangesOf(_tenant, Path)[^1].ShouldBe(new OnlineChange(_tenant, Path, false, Twin.At(60)));
    }

    [Fact]
    public async Task Going_offline_twice_tells_the_listener_once()
    {
        await Grain.ApplyAsync([Twin.State("Running", 10)], Twin.StateTag);

        await Grain.SetOnlineAsync(false, Quality.BadNotConnected.Code, Twin.At(60));
        await Grain.SetOnlineAsync(false, Quality.BadNoCommunication.Code, Twin.At(70));

        var snapshot = await Grain.GetSnapshotAsync();
        snapshot.StateSince.ShouldBe(Twin.At(60));
        snapshot.Tags[Twin.StateTag].Quality.ShouldBe(Quality.BadNotConnected.Code);
        Silo.Listener.StateChangesOf(_tenant, Path).Count.ShouldBe(2);
        Silo.Listener.OnlineChangesOf(_tenant, Path).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Coming_back_online_restores_the_state_before_offline()
    {
        await Grain.ApplyAsync([Twin.State("Idle", 10)], Twin.StateTag);
        await Grain.SetOnlineAsync(false, Quality.BadNotConnected.Code, Twin.At(60));

        await Grain.SetOnlineAsync(true, Quality.Good.Code, Twin.At(90));

        var snapshot = await Grain.GetSnapshotAsync();
        snapshot.Online.ShouldBeTrue();
        snapshot.State.ShouldBe("Idle");
        snapshot.StateSince.ShouldBe(Twin.At(90));
        snapshot.StateChanges.ShouldBe(3);
        Silo.Listener.StateChangesOf(_tenant, Path).Select(c => (c.Previous, c.Current)).ShouldBe(
            [(null, "Idle"), ("Idle", "Offline"), ("Offline", "Idle")]);
        Silo.Listener.OnlineChangesOf(_tenant, Path).Select(c => c.Online).ShouldBe([true, false, true]);
    }

    [Fact]
    public async Task Data_after_offline_brings_the_twin_online_with_the_state_before_offline()
    {
        await Grain.ApplyAsync([Twin.State("Running", 10), Twin.Number("speed", 5, 10)], Twin.StateTag);
        await Grain.SetOnlineAsync(false, Quality.BadNotConnected.Code, Twin.At(60));

        await Grain.ApplyAsync([Twin.Number("speed", 6, 90)], Twin.StateTag);

        var snapshot = await Grain.GetSnapshotAsync();
        snapshot.Online.ShouldBeTrue();
        snapshot.State.ShouldBe("Running");
        snapshot.StateSince.ShouldBe(Twin.At(90));
        snapshot.Tags["speed"].ToQuality().ShouldBe(Quality.Good);
        Silo.Listener.StateChangesOf(_tenant, Path)[^1].ShouldBe(new StateChange(_tenant, Path, "Offline", "Running", Twin.At(90)));
        Silo.Listener.OnlineChangesOf(_tenant, Path)[^1].ShouldBe(new OnlineChange(_tenant, Path, true, Twin.At(90)));
    }

    [Fact]
    public async Task Data_after_offline_with_a_new_state_takes_that_state_at_once()
    {
        await Grain.ApplyAsync([Twin.State("Running", 10)], Twin.StateTag);
        await Grain.SetOnlineAsync(false, Quality.BadNotConnected.Code, Twin.At(60));

        await Grain.ApplyAsync([Twin.State("Down", 90)], Twin.StateTag);

        var snapshot = await Grain.GetSnapshotAsync();
        snapshot.State.ShouldBe("Down");
        snapshot.StateChanges.ShouldBe(3);
        Silo.Listener.StateChangesOf(_tenant, Path)[^1].ShouldBe(new StateChange(_tenant, Path, "Offline", "Down", Twin.At(90)));
    }
}
