using Microsoft.Data.Sqlite;
using Orleans.Serialization;
using Orleans.Storage;

namespace Nightshift.Twins.Storage;

/// <summary>
/// Orleans grain storage in a SQLite file under the data folder: the embedded default for twins, so that
/// their state survives a restart without any server. State is stored in Orleans' binary serialization with an
/// integer ETag for optimistic concurrency. Thread-safe: each call opens its own pooled connection.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage
{
    private readonly string _connectionString;
    private readonly Serializer _serializer;
    private readonly Lazy<Task> _schema;

    public SqliteGrainStorage(string databaseFile, Serializer serializer)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = databaseFile, Pooling = true }.ToString();
        _serializer = serializer;
        _schema = new Lazy<Task>(CreateSchemaAsync);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT data, etag FROM grain_state WHERE grain = $grain AND name = $name";
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        command.Parameters.AddWithValue("$name", stateName);
        await using var reader = await command.ExecuteReaderAsync();
        if (await reader.ReadAsync())
        {
            var data = (byte[])reader.GetValue(0);
            grainState.State = _serializer.Deserialize<T>(data);
            grainState.ETag = reader.GetInt64(1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var data = _serializer.SerializeToArray(grainState.State);
        var expected = grainState.ETag is null ? 0L : long.Parse(grainState.ETag, System.Globalization.CultureInfo.InvariantCulture);
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO grain_state (grain, name, data, etag) VALUES ($grain, $name, $data, 1)
            ON CONFLICT (grain, name) DO UPDATE SET data = excluded.data, etag = grain_state.etag + 1
            WHERE grain_state.etag = $expected
            RETURNING etag
            """;
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        command.Parameters.AddWithValue("$name", stateName);
        command.Parameters.AddWithValue("$data", data);
        command.Parameters.AddWithValue("$expected", expected);
        var result = await command.ExecuteScalarAsync();
        if (result is not long etag || (expected == 0 && etag != 1))
        {
            throw new InconsistentStateException($"The state '{stateName}' of {grainId} was changed by another activation (expected ETag {grainState.ETag ?? "none"}).");
        }

        grainState.ETag = etag.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM grain_state WHERE grain = $grain AND name = $name";
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        command.Parameters.AddWithValue("$name", stateName);
        await command.ExecuteNonQueryAsync();
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        await _schema.Value;
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task CreateSchemaAsync()
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS grain_state (
                grain TEXT NOT NULL,
                name TEXT NOT NULL,
                data BLOB NOT NULL,
                etag INTEGER NOT NULL,
                PRIMARY KEY (grain, name));
            """;
        await command.ExecuteNonQueryAsync();
    }
}
