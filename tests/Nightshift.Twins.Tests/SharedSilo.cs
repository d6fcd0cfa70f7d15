namespace Nightshift.Twins.Tests;

/// <summary>
/// One silo shared by the tests of this assembly that do not restart it; each test uses twins of its own keys.
/// </summary>
public sealed class SharedSilo : IAsyncLifetime
{
    private readonly TemporaryFolder _folder = new();
    private TwinSilo? _silo;

    public string DatabaseFile => _folder.File("twins.db");

    public TwinSilo Silo => _silo ?? throw new InvalidOperationException("The shared silo has not started.");

    public async ValueTask InitializeAsync() =>
        _silo = await TwinSilo.StartAsync(DatabaseFile, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        _folder.Dispose();
    }
}
