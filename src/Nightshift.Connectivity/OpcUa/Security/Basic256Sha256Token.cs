namespace Nightshift.Connectivity.OpcUa.Security;

/// <summary>
/// The keys of one security token of a Basic256Sha256 channel: the client's keys from P_SHA256(serverNonce, clientNonce)
/// and the server's from P_SHA256(clientNonce, serverNonce) (Part 6, 6.7.5). Each side secures what it sends with its own
/// keys and checks what it receives with the other side's. Immutable after construction.
/// </summary>
internal sealed class Basic256Sha256Token : IDisposable
{
    public Basic256Sha256Token(uint tokenId, ReadOnlySpan<byte> clientNonce, ReadOnlySpan<byte> serverNonce)
    {
        TokenId = tokenId;
        Client = new Basic256Sha256Keys(serverNonce, clientNonce);
        Server = new Basic256Sha256Keys(clientNonce, serverNonce);
    }

    public uint TokenId { get; }

    public Basic256Sha256Keys Client { get; }

    public Basic256Sha256Keys Server { get; }

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
    }
}
