using Nightshift.Connectivity.OpcUa.Security;

namespace Nightshift.Connectivity.OpcUa.Client;

/// <summary>
/// Optionally implemented by an <see cref="IChannelSecurity"/> whose policy encrypts user name passwords (Part 4, 7.41):
/// the password and the server nonce encrypted with the server certificate's public key. The client uses it when the
/// endpoint's user token policy names a security policy other than None.
/// </summary>
public interface IUserPasswordEncryptor
{
    /// <summary>The encrypted password (the <c>length ‖ password ‖ serverNonce</c> secret) and the algorithm URI.</summary>
    /// <exception cref="OpcUaSecurityException">The password cannot be encrypted for this server.</exception>
    (byte[] Secret, string Algorithm) EncryptUserPassword(ReadOnlySpan<byte> password, ReadOnlySpan<byte> serverNonce, string securityPolicyUri);
}
