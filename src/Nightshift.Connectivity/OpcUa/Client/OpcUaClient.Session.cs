using System.Security.Cryptography;
using Nightshift.Connectivity.OpcUa.Security;
using Nightshift.Connectivity.OpcUa.Services;
using Nightshift.Connectivity.OpcUa.Transport;
using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Client;

/// <summary>Opening the secure channel and creating and activating the session.</summary>
public sealed partial class OpcUaClient
{
    private async Task<OpcUaSecureChannel> OpenChannelAsync(CancellationToken cancellationToken)
    {
        IChannelSecurity security = NoSecurity.Instance;
        if (_options.SecurityMode != MessageSecurityMode.None)
        {
            var endpoints = await GetEndpointsAsync(EndpointUrl, _options, _time, cancellationToken).ConfigureAwait(false);
            var endpoint = endpoints.FirstOrDefault(e => e.SecurityMode == _options.SecurityMode && string.Equals(e.SecurityPolicyUri, _options.SecurityPolicyUri, StringComparison.Ordinal))
                ?? throw new OpcUaServiceException(new StatusCode(0x80550000), $"{EndpointUrl} offers no endpoint with {_options.SecurityMode} and {_options.SecurityPolicyUri}");
            security = _options.SecurityFactory!(endpoint);
        }

        return await OpcUaSecureChannel.OpenAsync(
            EndpointUrl, security, _options.TransportLimits, _options.EncodingLimits, _options.SecureChannelLifetime, _options.ConnectTimeout,
            _time, _logger, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SessionInfo> CreateSessionAsync(OpcUaSecureChannel channel, CancellationToken cancellationToken)
    {
        var security = channel.Security;
        var clientNonce = security.NonceLength > 0 ? security.CreateNonce() : RandomNumberGenerator.GetBytes(32);
        var description = new ApplicationDescription(
            _options.ApplicationUri, _options.ProductUri, new LocalizedText("en", _options.ApplicationName), ApplicationType.Client, null, null, []);
        var bootstrap = new Connection(channel, new SessionInfo(NodeId.Null, NodeId.Null, [], [], []));
        var created = await CallAsync(
            bootstrap,
            (w, c) => SessionCodec.WriteCreateSessionRequest(
                w, c, description, EndpointUrl, _options.SessionName, clientNonce, security.LocalCertificate.Span,
                _options.SessionTimeout.TotalMilliseconds, (uint)_options.TransportLimits.MaxMessageSize),
            body => SessionCodec.ReadCreateSessionResponse(body, _options.EncodingLimits),
            cancellationToken).ConfigureAwait(false);
        if (!security.VerifySessionData(security.LocalCertificate.Span, clientNonce, created.ServerSignatureAlgorithm, created.ServerSignature.Span))
        {
            throw new OpcUaServiceException(StatusCode.BadSecurityChecksFailed, "The server's session signature is invalid");
        }

        var session = new SessionInfo(created.SessionId, created.AuthenticationToken, created.ServerNonce.ToArray(), created.ServerCertificate.ToArray(), created.ServerEndpoints);
        await ActivateAsync(channel, session, cancellationToken).ConfigureAwait(false);
        return session;
    }

    private async Task ActivateAsync(OpcUaSecureChannel channel, SessionInfo session, CancellationToken cancellationToken)
    {
        var security = channel.Security;
        var identity = _options.Identity;
        var (algorithm, signature) = security.SignSessionData(session.ServerCertificate, session.ServerNonce);
        var policy = SelectTokenPolicy(session.Endpoints, security, identity.TokenType);
        byte[] secret = [];
        string? encryption = null;
        if (identity.TokenType == UserTokenType.UserName)
        {
            var effective = string.IsNullOrEmpty(policy?.SecurityPolicyUri) ? security.PolicyUri : policy.SecurityPolicyUri;
            var password = SessionCodec.PlainPassword(identity);
            if (string.Equals(effective, NoSecurity.Uri, StringComparison.Ordinal))
            {
                secret = password;
            }
            else if (security is IUserPasswordEncryptor encryptor)
            {
                (secret, encryption) = encryptor.EncryptUserPassword(password, session.ServerNonce, effective);
            }
            else
            {
                throw new OpcUaServiceException(StatusCode.BadIdentityTokenInvalid, $"{EndpointUrl} wants the password encrypted under {effective}, which this channel cannot do");
            }
        }

        try
        {
            var nonce = await CallAsync(
                new Connection(channel, session),
                (w, c) => SessionCodec.WriteActivateSessionRequest(w, c, algorithm, signature, identity, policy?.PolicyId, secret, encryption),
                body => SessionCodec.ReadActivateSessionResponse(body, _options.EncodingLimits),
                cancellationToken).ConfigureAwait(false);
            session.ServerNonce = nonce;
        }
        catch (OpcUaServiceException e) when (identity.TokenType != UserTokenType.Anonymous && (e.Status == StatusCode.BadUserAccessDenied || e.Status == StatusCode.BadIdentityTokenRejected || e.Status == StatusCode.BadIdentityTokenInvalid))
        {
            throw new OpcUaServiceException(e.Status, $"{EndpointUrl} refused the identity {identity}: wrong user name or password", e);
        }

        OpcUaLog.SessionActivated(_logger, session.SessionId, EndpointUrl, identity);
    }

    /// <summary>
    /// The user token policy for the identity: one of an endpoint with the channel's mode and policy, preferring one that
    /// sends the password in a way this channel can (plain where the effective policy is None).
    /// </summary>
    private static UserTokenPolicy? SelectTokenPolicy(IReadOnlyList<EndpointDescription> endpoints, IChannelSecurity security, UserTokenType type)
    {
        var candidates = endpoints
            .Where(e => e.SecurityMode == security.Mode && string.Equals(e.SecurityPolicyUri, security.PolicyUri, StringComparison.Ordinal))
            .SelectMany(e => e.UserIdentityTokens)
            .Where(p => p.TokenType == type)
            .ToList();
        if (candidates.Count == 0)
        {
            if (endpoints.Count == 0)
            {
                return null;
            }

            throw new OpcUaServiceException(StatusCode.BadIdentityTokenRejected, $"The endpoint accepts no {type} identity");
        }

        return candidates.FirstOrDefault(p => string.IsNullOrEmpty(p.SecurityPolicyUri) || string.Equals(p.SecurityPolicyUri, NoSecurity.Uri, StringComparison.Ordinal))
            ?? (security is IUserPasswordEncryptor ? candidates.FirstOrDefault(p => string.Equals(p.SecurityPolicyUri, security.PolicyUri, StringComparison.Ordinal)) : null)
            ?? candidates[0];
    }

    private async Task<OpcUaServerLimits> ReadServerLimitsAsync(Connection connection, CancellationToken cancellationToken)
    {
        ReadValueId[] nodes =
        [
            new(NodeId.FromNumeric(0, 11705)), new(NodeId.FromNumeric(0, 11707)), new(NodeId.FromNumeric(0, 11710)), new(NodeId.FromNumeric(0, 11714)),
        ];
        var values = await CallAsync(
            connection,
            (w, c) => AttributeCodec.WriteReadRequest(w, c, 0, TimestampsToReturn.Neither, nodes),
            body => AttributeCodec.ReadReadResponse(body, _options.EncodingLimits),
            cancellationToken).ConfigureAwait(false);
        uint Limit(int i) => i < values.Length && values[i].Status.IsGood && values[i].Value.Value is uint limit ? limit : 0;
        return new OpcUaServerLimits(Limit(0), Limit(1), Limit(2), Limit(3));
    }
}
