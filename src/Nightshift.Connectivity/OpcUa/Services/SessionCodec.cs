using System.Text;
using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>CreateSession, ActivateSession and CloseSession (Part 4, 5.6): request encoding and response decoding. Pure and thread-safe.</summary>
public static class SessionCodec
{
    public static void WriteCreateSessionRequest(
        OpcUaBinaryWriter writer, RequestContext context, ApplicationDescription client, string endpointUrl, string sessionName,
        ReadOnlySpan<byte> clientNonce, ReadOnlySpan<byte> clientCertificate, double requestedTimeoutMs, uint maxResponseMessageSize)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(client);
        context.Write(writer, ObjectIds.CreateSessionRequest);
        client.Write(writer);
        writer.WriteString(null);
        writer.WriteString(endpointUrl);
        writer.WriteString(sessionName);
        WriteOptional(writer, clientNonce);
        WriteOptional(writer, clientCertificate);
        writer.WriteDouble(requestedTimeoutMs);
        writer.WriteUInt32(maxResponseMessageSize);
    }

    public static CreateSessionResult ReadCreateSessionResponse(ReadOnlySpan<byte> body, OpcUaEncodingLimits? limits = null)
    {
        var reader = ServiceCodec.ReadResponseHeader(body, ObjectIds.CreateSessionResponse, limits, out _);
        var sessionId = reader.ReadNodeId();
        var token = reader.ReadNodeId();
        var timeout = reader.ReadDouble();
        var nonce = reader.ReadByteString() ?? [];
        var certificate = reader.ReadByteString() ?? [];
        var endpoints = reader.ReadArray(EndpointDescription.Read) ?? [];
        reader.ReadArray(static (ref OpcUaBinaryReader r) =>
        {
            r.ReadByteStringSpan();
            r.ReadByteStringSpan();
            return 0;
        });
        var algorithm = reader.ReadString();
        var signature = reader.ReadByteString() ?? [];
        var maxRequest = reader.ReadUInt32();
        return new CreateSessionResult(sessionId, token, timeout, nonce, certificate, endpoints, algorithm, signature, maxRequest);
    }

    /// <summary>
    /// ActivateSession with the client's signature and the user identity token. For a user name, <paramref name="encryptedPassword"/>
    /// is what goes on the wire (plain UTF-8 when the policy is None) with <paramref name="encryptionAlgorithm"/> (null for None).
    /// </summary>
    public static void WriteActivateSessionRequest(
        OpcUaBinaryWriter writer, RequestContext context, string? signatureAlgorithm, ReadOnlySpan<byte> signature,
        UserIdentity identity, string? policyId, ReadOnlySpan<byte> encryptedPassword, string? encryptionAlgorithm)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(identity);
        context.Write(writer, ObjectIds.ActivateSessionRequest);
        writer.WriteString(signatureAlgorithm);
        WriteOptional(writer, signature);
        writer.WriteInt32(0);
        writer.WriteArray<string>(["en"], static (w, s) => w.WriteString(s));
        if (identity.TokenType == UserTokenType.UserName)
        {
            var password = encryptedPassword.ToArray();
            writer.WriteExtensionObject(NodeId.FromNumeric(0, ObjectIds.UserNameIdentityToken), w =>
            {
                w.WriteString(policyId);
                w.WriteString(identity.UserName);
                w.WriteByteString(password);
                w.WriteString(encryptionAlgorithm);
            });
        }
        else
        {
            writer.WriteExtensionObject(NodeId.FromNumeric(0, ObjectIds.AnonymousIdentityToken), w => w.WriteString(policyId));
        }

        writer.WriteString(null);
        writer.WriteInt32(-1);
    }

    /// <summary>The plain-text password of a user identity, as sent under policy None.</summary>
    public static byte[] PlainPassword(UserIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return Encoding.UTF8.GetBytes(identity.Password ?? string.Empty);
    }

    /// <summary>Returns the server's new nonce.</summary>
    public static byte[] ReadActivateSessionResponse(ReadOnlySpan<byte> body, OpcUaEncodingLimits? limits = null)
    {
        var reader = ServiceCodec.ReadResponseHeader(body, ObjectIds.ActivateSessionResponse, limits, out _);
        var nonce = reader.ReadByteString() ?? [];
        var results = ServiceCodec.ReadStatusCodes(ref reader);
        foreach (var result in results)
        {
            if (result.IsBad)
            {
                throw new OpcUaServiceException(result, "ActivateSession refused a software certificate");
            }
        }

        ServiceCodec.SkipDiagnostics(ref reader);
        return nonce;
    }

    public static void WriteCloseSessionRequest(OpcUaBinaryWriter writer, RequestContext context, bool deleteSubscriptions)
    {
        ArgumentNullException.ThrowIfNull(writer);
        context.Write(writer, ObjectIds.CloseSessionRequest);
        writer.WriteBoolean(deleteSubscriptions);
    }

    public static void ReadCloseSessionResponse(ReadOnlySpan<byte> body, OpcUaEncodingLimits? limits = null) =>
        ServiceCodec.ReadResponseHeader(body, ObjectIds.CloseSessionResponse, limits, out _);

    private static void WriteOptional(OpcUaBinaryWriter writer, ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            writer.WriteInt32(-1);
        }
        else
        {
            writer.WriteByteString(bytes);
        }
    }
}
