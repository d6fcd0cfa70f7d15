using Nightshift.Historian.Postgres;
using Npgsql;

namespace Nightshift.Historian.Tests.Postgres;

/// <summary>
/// A private PostgreSQL 15 shared by the tests of one class; each test uses a schema of its own (see
/// <see cref="NewSchema"/>), dropped by <see cref="DropSchemaAsync"/>.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public string ConnectionString => Server.ConnectionString;

    public static string NewSchema() => "t_" + Guid.NewGuid().ToString("N");

    public async ValueTask InitializeAsync() => Server = await PostgresServer.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }

    public PostgresHistorianOptions Options(string schema) => new() { ConnectionString = ConnectionString, Schema = schema };

    /// <summary>Runs one statement and returns the first column of the first row (null when there is none).</summary>
    public async Task<object?> ScalarAsync(string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        var result = await command.ExecuteScalarAsync(ct);
        return result is DBNull ? null : result;
    }

    public async Task DropSchemaAsync(string schema) =>
        await ScalarAsync($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", CancellationToken.None);
}
