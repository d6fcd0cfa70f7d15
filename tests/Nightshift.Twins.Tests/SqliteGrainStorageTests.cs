using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Nightshift.Twins.Equipment;
using Nightshift.Twins.Storage;
using Orleans.Serialization;
using Orleans.Storage;

namespace Nightshift.Twins.Tests;

public sealed class SqliteGrainStorageTests : IDisposable
{
    private const string StateName = "equipment";
    private readonly TemporaryFolder _folder = new();
    private readonly ServiceProvider _services;
    private readonly GrainId _grainId = GrainId.Create("equipment", TwinKeys.Equipment("acme", "press/line1/cell1/press1"));

    public SqliteGrainStorageTests()
    {
        _services = new ServiceCollection()
            .AddSerializer(serializer => serializer.AddAssembly(typeof(EquipmentTwinState).Assembly))
            .BuildServiceProvider();
    }

    private string DatabaseFile => _folder.File("twins.db");

    [Fact]
    public async Task Reading_a_missing_state_gives_a_new_state_without_an_etag()
    {
        var state = new StoredState<EquipmentTwinState> { ETag = "3" };

        await NewStorage().ReadStateAsync(StateName, _grainId, state);

        state.RecordExists.ShouldBeFalse();
        state.ETag.ShouldBeNull();
        state.State.Tags.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_written_state_is_read_back_with_its_etag()
    {
        var storage = NewStorage();
        var written = new StoredState<EquipmentTwinState>(Twinstate("Running", 10));

        await storage.WriteStateAsync(StateName, _grainId, written);
        await storage.WriteStateAsync(StateName, _grainId, written);

        written.ETag.ShouldBe("2");
        written.RecordExists.ShouldBeTrue();
        var read = new StoredState<EquipmentTwinState>();
        await NewStorage().ReadStateAsync(StateName, _grainId, read);
        read.RecordExists.ShouldBeTrue();
        read.ETag.ShouldBe("2");
        read.State.State.ShouldBe("Running");
        read.State.StateSince.ShouldBe(Twin.At(10));
        read.State.StateSince.Kind.ShouldBe(DateTimeKind.Utc);
        read.State.Tags["speed"].ShouldBe(written.State.Tags["speed"]);
    }

    [Fact]
    public async Task States_of_other_names_and_grains_are_kept_apart()
    {
        var storage = NewStorage();
        var other = GrainId.Create("equipment", TwinKeys.Equipment("acme", "press/line1/cell1/press2"));
        await storage.WriteStateAsync(StateName, _grainId, new StoredState<EquipmentTwinState>(Twinstate("Running", 10)));
        await storage.WriteStateAsync(StateName, other, new StoredState<EquipmentTwinState>(Twinstate("Down", 20)));
        await storage.WriteStateAsync("other", _grainId, new StoredState<EquipmentTwinState>(Twinstate("Idle", 30)));

        (await ReadAsync(storage, StateName, _grainId)).State.State.ShouldBe("Running");
        (await ReadAsync(storage, StateName, other)).State.State.ShouldBe("Down");
        (await ReadAsync(storage, "other", _grainId)).State.State.ShouldBe("Idle");
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_throws_InconsistentStateException()
    {
        var storage = NewStorage();
        var current = new StoredState<EquipmentTwinState>(Twinstate("Running", 10));
        await storage.WriteStateAsync(StateName, _grainId, current);
        var stale = new StoredState<EquipmentTwinState>(Twinstate("Down", 20), current.ETag);
        await storage.WriteStateAsync(StateName, _grainId, current);

        await Should.ThrowAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, _grainId, stale));

        stale.ETag.ShouldBe("1");
        var read = await ReadAsync(storage, StateName, _grainId);
        read.ETag.ShouldBe("2");
        read.State.State.ShouldBe("Running");
    }

    [Fact]
    public async Task A_second_storage_on_the_same_file_cannot_overwrite_a_write_it_has_not_read()
    {
        var first = NewStorage();
        var second = NewStorage();
        var firstState = await ReadAsync(first, StateName, _grainId);
        var secondState = await ReadAsync(second, StateName, _grainId);
        firstState.State.State = "Running";
        secondState.State.State = "Down";

        await first.WriteStateAsync(StateName, _grainId, firstState);
        await Should.ThrowAsync<InconsistentStateException>(() => second.WriteStateAsync(StateName, _grainId, secondState));

        var reread = await ReadAsync(second, StateName, _grainId);
        reread.State.State.ShouldBe("Running");
        reread.State.State = "Down";
        await second.WriteStateAsync(StateName, _grainId, reread);
        (await ReadAsync(first, StateName, _grainId)).State.State.ShouldBe("Down");
        await Should.ThrowAsync<InconsistentStateException>(() => first.WriteStateAsync(StateName, _grainId, firstState));
    }

    [Fact]
    public async Task Clearing_a_state_removes_its_row()
    {
        var storage = NewStorage();
        var state = new StoredState<EquipmentTwinState>(Twinstate("Running", 10));
        await storage.WriteStateAsync(StateName, _grainId, state);
        (await CountRowsAsync()).ShouldBe(1);

        await storage.ClearStateAsync(StateName, _grainId, state);

        (await CountRowsAsync()).ShouldBe(0);
        state.RecordExists.ShouldBeFalse();
        state.ETag.ShouldBeNull();
        state.State.State.ShouldBeNull();
        (await ReadAsync(NewStorage(), StateName, _grainId)).RecordExists.ShouldBeFalse();
    }

    [Fact]
    public async Task A_cleared_state_can_be_written_again_from_a_new_etag()
    {
        var storage = NewStorage();
        var state = new StoredState<EquipmentTwinState>(Twinstate("Running", 10));
        await storage.WriteStateAsync(StateName, _grainId, state);
        await storage.WriteStateAsync(StateName, _grainId, state);
        await storage.ClearStateAsync(StateName, _grainId, state);
        state.State = Twinstate("Idle", 20);

        await storage.WriteStateAsync(StateName, _grainId, state);

        state.ETag.ShouldBe("1");
        (await ReadAsync(storage, StateName, _grainId)).State.State.ShouldBe("Idle");
    }

    public void Dispose()
    {
        _services.Dispose();
        _folder.Dispose();
    }

    private static EquipmentTwinState Twinstate(string state, int seconds)
    {
        var twin = new EquipmentTwinState { State = state, StateSince = Twin.At(seconds), Online = true, SamplesReceived = 2, StateChanges = 1, LastUpdate = Twin.At(seconds) };
        twin.Tags[Twin.StateTag] = Twin.State(state, seconds).Value;
        twin.Tags["speed"] = Twin.Number("speed", 12.5, seconds).Value;
        return twin;
    }

    private static async Task<StoredState<EquipmentTwinState>> ReadAsync(SqliteGrainStorage storage, string stateName, GrainId grainId)
    {
        var state = new StoredState<EquipmentTwinState>();
        await storage.ReadStateAsync(stateName, grainId, state);
        return state;
    }

    private SqliteGrainStorage NewStorage() => new(DatabaseFile, _services.GetRequiredService<Serializer>());

    private async Task<long> CountRowsAsync()
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabaseFile }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM grain_state";
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
