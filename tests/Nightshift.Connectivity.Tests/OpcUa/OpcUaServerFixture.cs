namespace Nightshift.Connectivity.Tests.OpcUa;

/// <summary>One node-opcua server shared by the interop tests of a class that do not restart it.</summary>
public sealed class OpcUaServerFixture : IAsyncLifetime
{
    public NodeOpcUaServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await NodeOpcUaServer.StartAsync();

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
