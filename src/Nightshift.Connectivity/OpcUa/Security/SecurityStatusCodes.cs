namespace Nightshift.Connectivity.OpcUa.Security;

/// <summary>The OPC UA status codes (Part 4, 7.39; Part 6, A.2) that the security layer raises.</summary>
internal static class SecurityStatusCodes
{
    public const uint BadCertificateInvalid = 0x80120000;
    public const uint BadSecurityChecksFailed = 0x80130000;
    public const uint BadCertificateTimeInvalid = 0x80140000;
    public const uint BadCertificateUriInvalid = 0x80170000;
    public const uint BadCertificateUseNotAllowed = 0x80180000;
    public const uint BadCertificateUntrusted = 0x801A0000;
    public const uint BadNonceInvalid = 0x80240000;
    public const uint BadSecurityModeRejected = 0x80540000;
    public const uint BadSecurityPolicyRejected = 0x80550000;
    public const uint BadSecureChannelTokenUnknown = 0x80870000;
}
