using System.Buffers.Binary;
using Nightshift.Connectivity.OpcUa.Security;

namespace Nightshift.Connectivity.Tests.OpcUa.Security;

public sealed class Basic256Sha256SecurityTests
{
    public static TheoryData<MessageSecurityMode> Modes => [MessageSecurityMode.Sign, MessageSecurityMode.SignAndEncrypt];

    public static TheoryData<MessageSecurityMode, int, int> AsymmetricCases => new()
    {
        { MessageSecurityMode.Sign, 2048, 2048 },
        { MessageSecurityMode.SignAndEncrypt, 2048, 2048 },
        { MessageSecurityMode.SignAndEncrypt, 2048, 4096 },
        { MessageSecurityMode.SignAndEncrypt, 4096, 2048 },
        { MessageSecurityMode.SignAndEncrypt, 3072, 3072 },
    };

    [Theory]
    [MemberData(nameof(AsymmetricCases))]
    public void An_OpenSecureChannel_chunk_round_trips_from_client_to_server_and_back(MessageSecurityMode mode, int clientKeySize, int serverKeySize)
    {
        using var pair = Pair.Create(mode, clientKeySize, serverKeySize);
        foreach (var bodyLength in new[] { 0, 1, 100, 205, 206, 214, 500, 1000, 4000 })
        {
            RoundTripAsymmetric(pair.Client, pair.Server, bodyLength);
            RoundTripAsymmetric(pair.Server, pair.Client, bodyLength);
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_symmetric_chunk_round_trips_from_client_to_server_and_back(MessageSecurityMode mode)
    {
        using var pair = Pair.Create(mode);
        pair.Activate(1);
        for (var bodyLength = 0; bodyLength < 70; bodyLength++)
        {
            RoundTripSymmetric(pair.Client, pair.Server, 1, bodyLength);
            RoundTripSymmetric(pair.Server, pair.Client, 1, bodyLength);
        }

        RoundTripSymmetric(pair.Client, pair.Server, 1, 30000);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Encryption_hides_the_body_only_in_SignAndEncrypt(MessageSecurityMode mode)
    {
        using var pair = Pair.Create(mode);
        pair.Activate(1);
        var plain = TestChunks.PlainText(64);
        var (chunk, headerLength) = TestChunks.Symmetric(1, plain);
        var length = pair.Client.Protect(chunk, headerLength, plain.Length, asymmetric: false);

        var visible = chunk.AsSpan(headerLength, plain.Length).SequenceEqual(plain);

        visible.ShouldBe(mode == MessageSecurityMode.Sign);
        length.ShouldBe(mode == MessageSecurityMode.Sign ? headerLength + plain.Length + 32 : headerLength + 80 + 32);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_tampered_symmetric_chunk_is_refused(MessageSecurityMode mode)
    {
        using var pair = Pair.Create(mode);
        pair.Activate(1);
        var plain = TestChunks.PlainText(100);
        foreach (var offset in new[] { 3, 10, 16, 20, 60, 140 })
        {
            var (chunk, headerLength) = TestChunks.Symmetric(1, plain);
            var length = pair.Client.Protect(chunk, headerLength, plain.Length, asymmetric: false);
            chunk[Math.Min(offset, length - 1)] ^= 0x01;

            var thrown = Should.Throw<OpcUaSecurityException>(() => pair.Server.Unprotect(chunk.AsSpan(0, length), headerLength, false, 1));

            thrown.StatusCode.ShouldBe(0x80130000u);
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_tampered_OpenSecureChannel_chunk_is_refused(MessageSecurityMode mode)
    {
        using var pair = Pair.Create(mode);
        var plain = TestChunks.PlainText(300);
        var (chunk, headerLength) = TestChunks.Asymmetric(pair.Client, plain);
        var length = pair.Client.Protect(chunk, headerLength, plain.Length, asymmetric: true);
        chunk[headerLength + 300] ^= 0x80;

        Should.Throw<OpcUaSecurityException>(() => pair.Server.Unprotect(chunk.AsSpan(0, length), headerLength, true, 0));
    }

    [Fact]
    public void An_OpenSecureChannel_chunk_from_another_certificate_is_refused()
    {
        using var pair = Pair.Create(MessageSecurityMode.SignAndEncrypt);
        using var stranger = new Basic256Sha256Security(TestCertificates.Get("stranger"), TestCertificates.Get("server").RawData, MessageSecurityMode.SignAndEncrypt);
        var plain = TestChunks.PlainText(50);
        var (chunk, headerLength) = TestChunks.Asymmetric(stranger, plain);
        var length = stranger.Protect(chunk, headerLength, plain.Length, asymmetric: true);

        var thrown = Should.Throw<OpcUaSecurityException>(() => pair.Server.Unprotect(chunk.AsSpan(0, length), headerLength, true, 0));

        thrown.StatusCode.ShouldBe(0x80120000u);
    }

    [Fact]
    public void A_chunk_under_an_unknown_token_is_refused()
    {
        using var pair = Pair.Create(MessageSecurityMode.Sign);
        pair.Activate(1);
        var plain = TestChunks.PlainText(10);
        var (chunk, headerLength) = TestChunks.Symmetric(1, plain);
        var length = pair.Client.Protect(chunk, headerLength, plain.Length, asymmetric: false);

        var thrown = Should.Throw<OpcUaSecurityException>(() => pair.Server.Unprotect(chunk.AsSpan(0, length), headerLength, false, 9));

        thrown.StatusCode.ShouldBe(0x80870000u);
    }

    [Fact]
    public void After_a_renewal_the_previous_token_is_accepted_until_the_next_renewal()
    {
        using var pair = Pair.Create(MessageSecurityMode.SignAndEncrypt);
        pair.Activate(1);
        var plain = TestChunks.PlainText(40);

        // The server answers requests it received under token 1 (outstanding Publish requests) with token 1, even after
        // it has answered others under token 2.
        var (old, headerLength) = TestChunks.Symmetric(1, plain);
        var oldLength = pair.Server.Protect(old, headerLength, plain.Length, asymmetric: false);
        var (older, _) = TestChunks.Symmetric(1, plain);
        var olderLength = pair.Server.Protect(older, headerLength, plain.Length, asymmetric: false);
        var (oldest, _) = TestChunks.Symmetric(1, plain);
        var oldestLength = pair.Server.Protect(oldest, headerLength, plain.Length, asymmetric: false);
        pair.Activate(2);
        var (fresh, _) = TestChunks.Symmetric(2, plain);
        var freshLength = pair.Server.Protect(fresh, headerLength, plain.Length, asymmetric: false);

        pair.Client.Unprotect(old.AsSpan(0, oldLength), headerLength, false, 1).ShouldBe(plain.Length);
        pair.Client.Unprotect(fresh.AsSpan(0, freshLength), headerLength, false, 2).ShouldBe(plain.Length);
        pair.Client.Unprotect(older.AsSpan(0, olderLength), headerLength, false, 1).ShouldBe(plain.Length);
        pair.Activate(3);
        Should.Throw<OpcUaSecurityException>(() => pair.Client.Unprotect(oldest.AsSpan(0, oldestLength), headerLength, false, 1))
            .StatusCode.ShouldBe(0x80870000u);
    }

    [Fact]
    public void Chunks_sent_after_a_renewal_carry_the_new_token_id()
    {
        using var pair = Pair.Create(MessageSecurityMode.Sign);
        pair.Activate(1);
        pair.Activate(2);
        var plain = TestChunks.PlainText(10);
        var (chunk, headerLength) = TestChunks.Symmetric(1, plain);

        var length = pair.Client.Protect(chunk, headerLength, plain.Length, asymmetric: false);

        BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(12)).ShouldBe(2u);
        pair.Server.Unprotect(chunk.AsSpan(0, length), headerLength, false, 2).ShouldBe(plain.Length);
        pair.Client.CurrentTokenId.ShouldBe(2u);
    }

    [Theory]
    [InlineData(MessageSecurityMode.Sign, false)]
    [InlineData(MessageSecurityMode.SignAndEncrypt, false)]
    [InlineData(MessageSecurityMode.SignAndEncrypt, true)]
    public void The_largest_plain_text_fits_the_chunk_size(MessageSecurityMode mode, bool asymmetric)
    {
        using var pair = Pair.Create(mode);
        pair.Activate(1);
        foreach (var chunkSize in new[] { 8192, 8196, 65535 })
        {
            var (template, headerLength) = asymmetric ? TestChunks.Asymmetric(pair.Client, []) : TestChunks.Symmetric(1, []);
            var max = pair.Client.MaxPlainTextSize(chunkSize, headerLength, asymmetric);
            var plain = TestChunks.PlainText(max - 8);
            plain.CopyTo(template.AsSpan(headerLength));

            var length = pair.Client.Protect(template, headerLength, plain.Length, asymmetric);

            length.ShouldBeLessThanOrEqualTo(chunkSize);
            pair.Server.Unprotect(template.AsSpan(0, length), headerLength, asymmetric, 1).ShouldBe(plain.Length);
        }
    }

    [Fact]
    public void A_session_signature_is_verified_by_the_peer()
    {
        using var pair = Pair.Create(MessageSecurityMode.Sign);
        var serverNonce = pair.Server.CreateNonce();

        var (algorithm, signature) = pair.Client.SignSessionData(pair.Server.LocalCertificate.Span, serverNonce);

        algorithm.ShouldBe("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
        pair.Server.VerifySessionData(pair.Server.LocalCertificate.Span, serverNonce, algorithm, signature).ShouldBeTrue();
        serverNonce[0] ^= 1;
        pair.Server.VerifySessionData(pair.Server.LocalCertificate.Span, serverNonce, algorithm, signature).ShouldBeFalse();
        pair.Server.VerifySessionData(pair.Server.LocalCertificate.Span, serverNonce, "http://www.w3.org/2000/09/xmldsig#rsa-sha1", signature).ShouldBeFalse();
    }

    [Fact]
    public void Nonces_must_be_32_bytes()
    {
        using var pair = Pair.Create(MessageSecurityMode.Sign);

        Should.Throw<OpcUaSecurityException>(() => pair.Client.ActivateToken(1, new byte[16], new byte[32])).StatusCode.ShouldBe(0x80240000u);
        pair.Client.CreateNonce().Length.ShouldBe(32);
        pair.Client.NonceLength.ShouldBe(32);
    }

    [Fact]
    public void The_mode_None_is_not_a_mode_of_Basic256Sha256() =>
        Should.Throw<ArgumentException>(() => new Basic256Sha256Security(TestCertificates.Get("client"), TestCertificates.Get("server").RawData, MessageSecurityMode.None));

    [Fact]
    public void A_1024_bit_server_key_is_refused()
    {
        using var weak = TestCertificates.Create("weak", 1024, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        Should.Throw<OpcUaSecurityException>(() => new Basic256Sha256Security(TestCertificates.Get("client"), weak.RawData, MessageSecurityMode.Sign))
            .StatusCode.ShouldBe(0x80180000u);
    }

    private static void RoundTripAsymmetric(Basic256Sha256Security sender, Basic256Sha256Security receiver, int bodyLength)
    {
        var plain = TestChunks.PlainText(bodyLength);
        var (chunk, headerLength) = TestChunks.Asymmetric(sender, plain);
        var length = sender.Protect(chunk, headerLength, plain.Length, asymmetric: true);
        BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(4)).ShouldBe((uint)length);
        chunk.AsSpan(headerLength, plain.Length).SequenceEqual(plain).ShouldBeFalse();

        var opened = receiver.Unprotect(chunk.AsSpan(0, length), headerLength, true, 0);

        opened.ShouldBe(plain.Length, $"body of {bodyLength} bytes");
        chunk.AsSpan(headerLength, opened).ToArray().ShouldBe(plain);
    }

    private static void RoundTripSymmetric(Basic256Sha256Security sender, Basic256Sha256Security receiver, uint tokenId, int bodyLength)
    {
        var plain = TestChunks.PlainText(bodyLength);
        var (chunk, headerLength) = TestChunks.Symmetric(tokenId, plain);
        var length = sender.Protect(chunk, headerLength, plain.Length, asymmetric: false);
        BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(4)).ShouldBe((uint)length);

        var opened = receiver.Unprotect(chunk.AsSpan(0, length), headerLength, false, tokenId);

        opened.ShouldBe(plain.Length, $"body of {bodyLength} bytes");
        chunk.AsSpan(headerLength, opened).ToArray().ShouldBe(plain);
    }

    /// <summary>Both ends of one channel: our client and its server-side mirror.</summary>
    internal sealed class Pair : IDisposable
    {
        private Pair(Basic256Sha256Security client, Basic256Sha256Security server)
        {
            Client = client;
            Server = server;
        }

        public Basic256Sha256Security Client { get; }

        public Basic256Sha256Security Server { get; }

        public static Pair Create(MessageSecurityMode mode, int clientKeySize = 2048, int serverKeySize = 2048)
        {
            var clientCertificate = TestCertificates.Get("client", clientKeySize);
            var serverCertificate = TestCertificates.Get("server", serverKeySize);
            return new Pair(
                new Basic256Sha256Security(clientCertificate, serverCertificate.RawData, mode),
                new Basic256Sha256Security(serverCertificate, clientCertificate.RawData, mode, isServer: true));
        }

        public void Activate(uint tokenId)
        {
            var clientNonce = Client.CreateNonce();
            var serverNonce = Server.CreateNonce();
            Client.ActivateToken(tokenId, clientNonce, serverNonce);
            Server.ActivateToken(tokenId, clientNonce, serverNonce);
        }

        public void Dispose()
        {
            Client.Dispose();
            Server.Dispose();
        }
    }
}
