using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Nightshift.Connectivity.OpcUa.Security;
using static Nightshift.Connectivity.Tests.OpcUa.Security.NodeOpcUaCrypto;

namespace Nightshift.Connectivity.Tests.OpcUa.Security;

/// <summary>
/// Our key derivation and chunk format checked by a third party: node-opcua-crypto, the crypto package of node-opcua,
/// computes reference keys, opens the chunks we secure and secures chunks we open.
/// </summary>
public sealed class NodeOpcUaCryptoReferenceTests
{
    [Fact]
    public async Task P_SHA256_matches_node_opcua_makePseudoRandomBuffer()
    {
        var cases = new List<(byte[] Secret, byte[] Seed, int Length)>
        {
            (RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32), 80),
            (RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32), 1),
            (RandomNumberGenerator.GetBytes(16), RandomNumberGenerator.GetBytes(64), 32),
            (RandomNumberGenerator.GetBytes(1), RandomNumberGenerator.GetBytes(3), 33),
            (RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32), 1000),
        };

        var answers = await RunAsync(cases
            .Select(c => Request("prf", ("secret", Hex(c.Secret)), ("seed", Hex(c.Seed)), ("length", c.Length)))
            .ToList());

        for (var i = 0; i < cases.Count; i++)
        {
            PSha256.Derive(cases[i].Secret, cases[i].Seed, cases[i].Length).ShouldBe(Bytes(answers[i]["output"]), $"case {i}");
        }
    }

    [Fact]
    public async Task Client_and_server_keys_match_node_opcua_computeDerivedKeys()
    {
        var clientNonce = RandomNumberGenerator.GetBytes(32);
        var serverNonce = RandomNumberGenerator.GetBytes(32);
        using var token = new Basic256Sha256Token(1, clientNonce, serverNonce);

        var answers = await RunAsync([
            Request("derive", ("side", "client"), ("clientNonce", Hex(clientNonce)), ("serverNonce", Hex(serverNonce))),
            Request("derive", ("side", "server"), ("clientNonce", Hex(clientNonce)), ("serverNonce", Hex(serverNonce))),
        ]);

        token.Client.SigningKey.ShouldBe(Bytes(answers[0]["signingKey"]));
        token.Client.InitializationVector.ShouldBe(Bytes(answers[0]["iv"]));
        token.Server.SigningKey.ShouldBe(Bytes(answers[1]["signingKey"]));
        token.Server.InitializationVector.ShouldBe(Bytes(answers[1]["iv"]));
        token.Client.SigningKey.ShouldNotBe(token.Server.SigningKey);
    }

    [Theory]
    [InlineData(MessageSecurityMode.Sign, 2048, 2048)]
    [InlineData(MessageSecurityMode.SignAndEncrypt, 2048, 2048)]
    [InlineData(MessageSecurityMode.SignAndEncrypt, 2048, 4096)]
    public async Task Node_opcua_crypto_opens_our_OpenSecureChannel_chunks(MessageSecurityMode mode, int clientKeySize, int serverKeySize)
    {
        var client = TestCertificates.Get("client", clientKeySize);
        var server = TestCertificates.Get("server", serverKeySize);
        using var security = new Basic256Sha256Security(client, server.RawData, mode);
        var requests = new List<JsonObject>();
        var plains = new List<byte[]>();
        var sizes = new List<int>();
        foreach (var bodyLength in new[] { 0, 150, 206, 1000 })
        {
            var plain = TestChunks.PlainText(bodyLength);
            var (chunk, headerLength) = TestChunks.Asymmetric(security, plain);
            var length = security.Protect(chunk, headerLength, plain.Length, asymmetric: true);
            plains.Add(plain);
            sizes.Add(length);
            requests.Add(Request(
                "openAsymmetric",
                ("chunk", Hex(chunk.AsSpan(0, length))),
                ("headerLength", headerLength),
                ("receiverKey", TestCertificates.PrivateKeyPem(server)),
                ("receiverKeyBytes", serverKeySize / 8),
                ("senderCertificate", TestCertificates.CertificatePem(client)),
                ("senderKeyBytes", clientKeySize / 8)));
        }

        var answers = await RunAsync(requests);

        for (var i = 0; i < answers.Count; i++)
        {
            answers[i]["valid"]!.GetValue<bool>().ShouldBeTrue($"signature of chunk {i}");
            answers[i]["messageSize"]!.GetValue<int>().ShouldBe(sizes[i]);
            Bytes(answers[i]["plainText"]).ShouldBe(plains[i], $"chunk {i}");
        }
    }

    [Theory]
    [InlineData(2048, 2048)]
    [InlineData(4096, 2048)]
    public async Task We_open_OpenSecureChannel_chunks_secured_by_node_opcua_crypto(int clientKeySize, int serverKeySize)
    {
        var client = TestCertificates.Get("client", clientKeySize);
        var server = TestCertificates.Get("server", serverKeySize);
        using var security = new Basic256Sha256Security(client, server.RawData, MessageSecurityMode.SignAndEncrypt);
        using var serverSide = new Basic256Sha256Security(server, client.RawData, MessageSecurityMode.SignAndEncrypt, isServer: true);
        var plain = TestChunks.PlainText(777);
        var (template, headerLength) = TestChunks.Asymmetric(serverSide, []);

        var answer = await RunAsync(Request(
            "protectAsymmetric",
            ("header", Hex(template.AsSpan(0, headerLength))),
            ("plainText", Hex(plain)),
            ("senderKey", TestCertificates.PrivateKeyPem(server)),
            ("senderKeyBytes", serverKeySize / 8),
            ("receiverCertificate", TestCertificates.CertificatePem(client)),
            ("receiverKeyBytes", clientKeySize / 8)));
        var chunk = Bytes(answer["chunk"]);

        var opened = security.Unprotect(chunk, headerLength, true, 0);

        chunk.AsSpan(headerLength, opened).ToArray().ShouldBe(plain);
    }

    [Theory]
    [InlineData(MessageSecurityMode.Sign)]
    [InlineData(MessageSecurityMode.SignAndEncrypt)]
    public async Task Node_opcua_crypto_opens_our_symmetric_chunks_and_we_open_its(MessageSecurityMode mode)
    {
        var client = TestCertificates.Get("client");
        var server = TestCertificates.Get("server");
        using var security = new Basic256Sha256Security(client, server.RawData, mode);
        var clientNonce = RandomNumberGenerator.GetBytes(32);
        var serverNonce = RandomNumberGenerator.GetBytes(32);
        security.ActivateToken(5, clientNonce, serverNonce);
        var encrypt = mode == MessageSecurityMode.SignAndEncrypt;
        var requests = new List<JsonObject>();
        var plains = new List<byte[]>();
        foreach (var bodyLength in new[] { 0, 7, 8, 23, 24, 1000 })
        {
            var plain = TestChunks.PlainText(bodyLength);
            var (chunk, headerLength) = TestChunks.Symmetric(5, plain);
            var length = security.Protect(chunk, headerLength, plain.Length, asymmetric: false);
            plains.Add(plain);
            requests.Add(Request(
                "openSymmetric", ("side", "client"), ("clientNonce", Hex(clientNonce)), ("serverNonce", Hex(serverNonce)),
                ("encrypt", encrypt), ("chunk", Hex(chunk.AsSpan(0, length))), ("headerLength", headerLength)));
            requests.Add(Request(
                "protectSymmetric", ("side", "server"), ("clientNonce", Hex(clientNonce)), ("serverNonce", Hex(serverNonce)),
                ("encrypt", encrypt), ("header", Hex(chunk.AsSpan(0, headerLength))), ("plainText", Hex(plain))));
        }

        var answers = await RunAsync(requests);

        for (var i = 0; i < plains.Count; i++)
        {
            var opened = answers[2 * i];
            opened["valid"]!.GetValue<bool>().ShouldBeTrue($"signature of chunk {i}");
            Bytes(opened["plainText"]).ShouldBe(plains[i]);
            var theirs = Bytes(answers[(2 * i) + 1]["chunk"]);
            var length = security.Unprotect(theirs, 16, false, 5);
            theirs.AsSpan(16, length).ToArray().ShouldBe(plains[i]);
        }
    }

    [Fact]
    public async Task Node_opcua_crypto_decrypts_our_user_password()
    {
        var server = TestCertificates.Get("server");
        var serverNonce = RandomNumberGenerator.GetBytes(32);
        var password = "pässwörd-" + new string('x', 300);

        var encrypted = Basic256Sha256Security.EncryptUserPassword(password, serverNonce, server.RawData);

        encrypted.Length.ShouldBe(2 * 256);
        var answer = await RunAsync(Request(
            "decryptPassword", ("encrypted", Hex(encrypted)), ("key", TestCertificates.PrivateKeyPem(server)), ("keyBytes", 256),
            ("serverNonce", Hex(serverNonce))));
        answer["length"]!.GetValue<int>().ShouldBe(Encoding.UTF8.GetByteCount(password) + 32);
        Encoding.UTF8.GetString(Bytes(answer["password"])).ShouldBe(password);
        Bytes(answer["nonce"]).ShouldBe(serverNonce);
    }

    [Fact]
    public async Task Session_signatures_are_verified_by_node_opcua_crypto_and_theirs_by_us()
    {
        var client = TestCertificates.Get("client");
        var server = TestCertificates.Get("server");
        using var security = new Basic256Sha256Security(client, server.RawData, MessageSecurityMode.Sign);
        var serverNonce = RandomNumberGenerator.GetBytes(32);
        var clientNonce = security.CreateNonce();
        var (_, signature) = security.SignSessionData(server.RawData, serverNonce);

        var answers = await RunAsync([
            Request("verify", ("data", Hex([.. server.RawData, .. serverNonce])), ("signature", Hex(signature)), ("certificate", TestCertificates.CertificatePem(client))),
            Request("sign", ("data", Hex([.. client.RawData, .. clientNonce])), ("key", TestCertificates.PrivateKeyPem(server))),
        ]);

        answers[0]["valid"]!.GetValue<bool>().ShouldBeTrue();
        security.VerifySessionData(client.RawData, clientNonce, Basic256Sha256Security.SignatureAlgorithmUri, Bytes(answers[1]["signature"])).ShouldBeTrue();
    }

    [Fact]
    public void The_message_size_of_a_secured_chunk_is_written_after_encryption()
    {
        var client = TestCertificates.Get("client");
        var server = TestCertificates.Get("server");
        using var security = new Basic256Sha256Security(client, server.RawData, MessageSecurityMode.SignAndEncrypt);
        var plain = TestChunks.PlainText(300);
        var (chunk, headerLength) = TestChunks.Asymmetric(security, plain);

        var length = security.Protect(chunk, headerLength, plain.Length, asymmetric: true);

        // 308 + 1 + 256 = 565 bytes of plain text → 3 blocks of 214 → 3 × 256 bytes of cipher text.
        length.ShouldBe(headerLength + (3 * 256));
        BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(4)).ShouldBe((uint)length);
    }
}
