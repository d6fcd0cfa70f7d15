namespace Nightshift.Connectivity.OpcUa.Security;

/// <summary>Settings of a <see cref="CertificateStore"/>. Immutable.</summary>
public sealed record CertificateStoreOptions
{
    /// <summary>The host name put into the application certificate and its URI; the machine's name when null.</summary>
    public string? HostName { get; init; }

    /// <summary>
    /// Trust on first use: an unknown server certificate is added to <c>trusted/</c> and accepted, unless a trusted
    /// certificate with the same application URI exists (a server whose certificate changed is still refused).
    /// Off by default: convenient on a commissioning bench, weaker than an operator's decision.
    /// </summary>
    public bool TrustOnFirstUse { get; init; }

    /// <summary>The RSA key size of a new application certificate, in bits (2048 to 4096).</summary>
    public int KeySize { get; init; } = 2048;

    /// <summary>How long a new application certificate is valid.</summary>
    public TimeSpan Validity { get; init; } = TimeSpan.FromDays(5 * 365);
}
