using Nightshift.Connectivity.OpcUa.Security;

namespace Nightshift.Connectivity.Tests.OpcUa.Security;

/// <summary>
/// Mutated and truncated secured chunks: opening one fails with <see cref="OpcUaSecurityException"/> and nothing else
/// (no index error, no crypto exception escaping), whatever byte was changed.
/// </summary>
public sealed class Basic256Sha256MutationTests
{
    [Theory]
    [InlineData(MessageSecurityMode.Sign, false, 3000)]
    [InlineData(MessageSecurityMode.SignAndEncrypt, false, 3000)]
    [InlineData(MessageSecurityMode.SignAndEncrypt, true, 150)]
    public void A_mutated_chunk_fails_only_with_a_security_error(MessageSecurityMode mode, bool asymmetric, int mutations)
    {
        using var pair = Basic256Sha256SecurityTests.Pair.Create(mode);
        pair.Activate(1);
        var random = new Random(20261125);
        for (var i = 0; i < mutations; i++)
        {
            var plain = TestChunks.PlainText(random.Next(0, 600));
            var (chunk, headerLength) = asymmetric ? TestChunks.Asymmetric(pair.Client, plain) : TestChunks.Symmetric(1, plain);
            var length = pair.Client.Protect(chunk, headerLength, plain.Length, asymmetric);
            var received = Mutate(chunk.AsSpan(0, length).ToArray(), random);

            try
            {
                pair.Server.Unprotect(received, headerLength, asymmetric, 1);
            }
            catch (OpcUaSecurityException)
            {
                continue;
            }

            throw new ShouldAssertException($"mutation {i} was accepted");
        }
    }

    private static byte[] Mutate(byte[] chunk, Random random)
    {
        switch (random.Next(4))
        {
            case 0:
                chunk[random.Next(chunk.Length)] ^= (byte)(1 << random.Next(8));
                return chunk;
            case 1:
                // Truncated: the size field still claims the whole chunk, or is made to match the shorter one.
                var shorter = chunk.AsSpan(0, random.Next(0, chunk.Length)).ToArray();
                if (shorter.Length >= 8 && random.Next(2) == 0)
                {
                    System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(shorter.AsSpan(4), (uint)shorter.Length);
                }

                return shorter;
            case 2:
                chunk[random.Next(8, chunk.Length)] = (byte)random.Next(256);
                chunk[random.Next(8, chunk.Length)] ^= 0xFF;
                return chunk;
            default:
                // A random size field.
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), (uint)random.Next(0, chunk.Length));
                return chunk;
        }
    }
}
