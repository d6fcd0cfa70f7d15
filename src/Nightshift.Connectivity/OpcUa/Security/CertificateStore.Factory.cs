using System.Security.Cryptography.X509Certificates;
using Nightshift.Connectivity.OpcUa.Services;

namespace Nightshift.Connectivity.OpcUa.Security;

/// <summary>The bridge to the client: chunk security for an endpoint whose certificate passed the trust list.</summary>
public sealed partial class CertificateStore
{
    /// <summary>
    /// A factory for <c>OpcUaClientOptions.SecurityFactory</c>: for an endpoint with SecurityPolicy Basic256Sha256 it checks
    /// the endpoint's server certificate with <see cref="Validate"/> (against the server's application URI) and returns a
    /// <see cref="Basic256Sha256Security"/> with <paramref name="applicationCertificate"/>.
    /// </summary>
    /// <param name="applicationCertificate">The client's certificate, from <see cref="GetApplicationCertificateAsync"/>.</param>
    /// <returns>The factory; it throws <see cref="OpcUaSecurityException"/> when the certificate is refused (e.g.
    /// BadCertificateUntrusted, naming the file in <c>rejected/</c>) or the policy is not Basic256Sha256 (BadSecurityPolicyRejected).</returns>
    public Func<EndpointDescription, IChannelSecurity> CreateSecurityFactory(X509Certificate2 applicationCertificate)
    {
        ArgumentNullException.ThrowIfNull(applicationCertificate);
        return endpoint =>
        {
            ArgumentNullException.ThrowIfNull(endpoint);
            if (!string.Equals(endpoint.SecurityPolicyUri, Basic256Sha256Security.SecurityPolicyUri, StringComparison.Ordinal))
            {
                throw new OpcUaSecurityException(
                    $"The security policy {endpoint.SecurityPolicyUri} is not supported; use {Basic256Sha256Security.SecurityPolicyUri}.",
                    SecurityStatusCodes.BadSecurityPolicyRejected);
            }

            if (endpoint.ServerCertificate.IsEmpty)
            {
                throw new OpcUaSecurityException($"The endpoint {endpoint.EndpointUrl} has no server certificate.", SecurityStatusCodes.BadCertificateInvalid);
            }

            Validate(endpoint.ServerCertificate.Span, endpoint.Server.ApplicationUri, CancellationToken.None);
            return new Basic256Sha256Security(applicationCertificate, endpoint.ServerCertificate.Span, endpoint.SecurityMode);
        };
    }
}
