using System.Security.Cryptography;
using Nightshift.EndToEnd.Tests.Support;

namespace Nightshift.EndToEnd.Tests.Durability;

/// <summary>A history file overwritten with garbage stops the start with a clear message that names the file.</summary>
public sealed class CorruptHistoryFileTests : IAsyncLifetime
{
    private string _dataDirectory = string.Empty;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _dataDirectory = TemporaryDirectory.Create("corrupt");
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        TemporaryDirectory.Delete(_dataDirectory);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_garbage_history_file_fails_the_start_with_a_message_naming_the_file()
    {
        var file = Path.Combine(_dataDirectory, "history.duckdb");
        await File.WriteAllBytesAsync(file, RandomNumberGenerator.GetBytes(256 * 1024), Ct);

        var failure = await Should.ThrowAsync<InvalidOperationException>(
            () => PlatformProcess.StartAsync("run", _dataDirectory, SharedPlatform.NewPassword(), ["--plant", RepositoryLayout.VirtualPlantFile], Ct));

        failure.Message.ShouldContain("exited with code 2");
        failure.Message.ShouldContain($"nightshift: the history store {file} cannot be opened: it is corrupt or not a DuckDB database");
        (await File.ReadAllBytesAsync(file, Ct)).Length.ShouldBe(256 * 1024, "the file is left as it was, for a backup restore or inspection");
    }
}
