using System.Security.Cryptography;
using System.Text;

namespace Nightshift.Server.Notifications;

/// <summary>
/// The signature of a webhook body, sent as <c>X-Nightshift-Signature: sha256=&lt;hex&gt;</c>: the HMAC-SHA256 of the
/// body's exact bytes with the webhook's secret (UTF-8) as the key, in lower-case hex. A receiver recomputes it over the
/// bytes it received and compares in constant time (<see cref="Verify"/>). Stateless and thread-safe.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Nightshift-Signature";
    public const string DeliveryHeader = "X-Nightshift-Delivery";
    public const string TimestampHeader = "X-Nightshift-Timestamp";
    public const string EventHeader = "X-Nightshift-Event";
    private const string Prefix = "sha256=";

    /// <summary>The header value for <paramref name="body"/>: <c>sha256=</c> and 64 hex digits.</summary>
    public static string Compute(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, mac);
        return Prefix + Convert.ToHexStringLower(mac);
    }

    /// <summary>Whether <paramref name="header"/> is the signature of <paramref name="body"/> with <paramref name="secret"/>; constant time.</summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (header is null || !header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var expected = Compute(secret, body);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(header));
    }
}
