using System.Security.Cryptography;

namespace Nightshift.Connectivity.OpcUa.Security;

/// <summary>
/// The pseudo-random function P_SHA256 of TLS 1.2 (RFC 5246, section 5) that OPC UA uses to derive the symmetric keys
/// of a secure channel from the nonces (Part 6, 6.7.5): <c>A(0) = seed</c>, <c>A(i) = HMAC(secret, A(i-1))</c>,
/// output = <c>HMAC(secret, A(1) ‖ seed) ‖ HMAC(secret, A(2) ‖ seed) ‖ …</c> truncated to the length asked for.
/// Stateless and thread-safe.
/// </summary>
public static class PSha256
{
    private const int HashLength = 32;

    /// <summary>Fills <paramref name="output"/> with the first <c>output.Length</c> bytes of P_SHA256(secret, seed).</summary>
    public static void Derive(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> seed, Span<byte> output)
    {
        // A(i) ‖ seed, reused for every round: the first 32 bytes hold A(i), the rest the seed.
        var buffer = new byte[HashLength + seed.Length];
        seed.CopyTo(buffer.AsSpan(HashLength));
        Span<byte> a = stackalloc byte[HashLength];
        Span<byte> block = stackalloc byte[HashLength];
        HMACSHA256.HashData(secret, seed, a);
        var written = 0;
        while (written < output.Length)
        {
            a.CopyTo(buffer);
            HMACSHA256.HashData(secret, buffer, block);
            var take = Math.Min(HashLength, output.Length - written);
            block[..take].CopyTo(output[written..]);
            written += take;
            HMACSHA256.HashData(secret, a, block);
            block.CopyTo(a);
        }

        CryptographicOperations.ZeroMemory(buffer);
        CryptographicOperations.ZeroMemory(block);
    }

    /// <summary>The first <paramref name="length"/> bytes of P_SHA256(secret, seed) in a new array.</summary>
    public static byte[] Derive(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> seed, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var output = new byte[length];
        Derive(secret, seed, output);
        return output;
    }
}
