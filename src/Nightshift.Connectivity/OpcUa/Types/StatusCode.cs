using Nightshift.Core.Samples;

namespace Nightshift.Connectivity.OpcUa.Types;

/// <summary>
/// An OPC UA status code (Part 4, 7.39): the top two bits are the severity (Good, Uncertain, Bad), bits 16..29 the
/// sub-code, the low 16 bits info bits. Immutable and thread-safe.
/// </summary>
public readonly record struct StatusCode(uint Code)
{
    public static readonly StatusCode Good = new(0);
    public static readonly StatusCode BadUnexpectedError = new(0x80010000);
    public static readonly StatusCode BadInternalError = new(0x80020000);
    public static readonly StatusCode BadCommunicationError = new(0x80050000);
    public static readonly StatusCode BadEncodingError = new(0x80060000);
    public static readonly StatusCode BadDecodingError = new(0x80070000);
    public static readonly StatusCode BadEncodingLimitsExceeded = new(0x80080000);
    public static readonly StatusCode BadTimeout = new(0x800A0000);
    public static readonly StatusCode BadServiceUnsupported = new(0x800B0000);
    public static readonly StatusCode BadShutdown = new(0x800C0000);
    public static readonly StatusCode BadServerNotConnected = new(0x800D0000);
    public static readonly StatusCode BadTooManyOperations = new(0x80100000);
    public static readonly StatusCode BadSecurityChecksFailed = new(0x80130000);
    public static readonly StatusCode BadIdentityTokenInvalid = new(0x80200000);
    public static readonly StatusCode BadIdentityTokenRejected = new(0x80210000);
    public static readonly StatusCode BadSecureChannelIdInvalid = new(0x80220000);
    public static readonly StatusCode BadSessionIdInvalid = new(0x80250000);
    public static readonly StatusCode BadSessionClosed = new(0x80260000);
    public static readonly StatusCode BadSessionNotActivated = new(0x80270000);
    public static readonly StatusCode BadSubscriptionIdInvalid = new(0x80280000);
    public static readonly StatusCode BadNodeIdInvalid = new(0x80330000);
    public static readonly StatusCode BadNodeIdUnknown = new(0x80340000);
    public static readonly StatusCode BadAttributeIdInvalid = new(0x80350000);
    public static readonly StatusCode BadNotWritable = new(0x803B0000);
    public static readonly StatusCode BadUserAccessDenied = new(0x801F0000);
    public static readonly StatusCode BadTypeMismatch = new(0x80740000);
    public static readonly StatusCode BadNoSubscription = new(0x80790000);
    public static readonly StatusCode BadSequenceNumberUnknown = new(0x807A0000);
    public static readonly StatusCode BadMessageNotAvailable = new(0x807B0000);
    public static readonly StatusCode BadTooManyPublishRequests = new(0x80780000);
    public static readonly StatusCode BadTcpMessageTooLarge = new(0x80800000);
    public static readonly StatusCode BadTcpInternalError = new(0x807D0000);
    public static readonly StatusCode BadSecureChannelClosed = new(0x80860000);
    public static readonly StatusCode BadConnectionClosed = new(0x80AE0000);
    public static readonly StatusCode BadRequestTooLarge = new(0x80B80000);
    public static readonly StatusCode BadResponseTooLarge = new(0x80B90000);

    private const uint SeverityMask = 0xC000_0000;

    public bool IsGood => (Code & SeverityMask) == 0;

    public bool IsUncertain => (Code & SeverityMask) == 0x4000_0000;

    public bool IsBad => (Code & 0x8000_0000) != 0;

    /// <summary>
    /// The Nightshift quality of a value with this status: the status code itself, whose severity (Good, Uncertain,
    /// Bad) and sub-code are kept; only the info bits (the low 16) are dropped.
    /// </summary>
    public Quality ToQuality() => new(Code & 0xFFFF_0000);

    /// <summary>The symbolic name of a common code, else the code in hex.</summary>
    public override string ToString() => Code switch
    {
        0 => "Good",
        0x80010000 => "BadUnexpectedError",
        0x80020000 => "BadInternalError",
        0x80050000 => "BadCommunicationError",
        0x80070000 => "BadDecodingError",
        0x800A0000 => "BadTimeout",
        0x800B0000 => "BadServiceUnsupported",
        0x800D0000 => "BadServerNotConnected",
        0x80100000 => "BadTooManyOperations",
        0x80130000 => "BadSecurityChecksFailed",
        0x801F0000 => "BadUserAccessDenied",
        0x80200000 => "BadIdentityTokenInvalid",
        0x80210000 => "BadIdentityTokenRejected",
        0x80250000 => "BadSessionIdInvalid",
        0x80260000 => "BadSessionClosed",
        0x80270000 => "BadSessionNotActivated",
        0x80280000 => "BadSubscriptionIdInvalid",
        0x80330000 => "BadNodeIdInvalid",
        0x80340000 => "BadNodeIdUnknown",
        0x80350000 => "BadAttributeIdInvalid",
        0x803B0000 => "BadNotWritable",
        0x80740000 => "BadTypeMismatch",
        0x80780000 => "BadTooManyPublishRequests",
        0x80790000 => "BadNoSubscription",
        0x807A0000 => "BadSequenceNumberUnknown",
        0x807B0000 => "BadMessageNotAvailable",
        0x80860000 => "BadSecureChannelClosed",
        0x80AE0000 => "BadConnectionClosed",
        0x808B0000 => "BadDeviceFailure",
        _ => $"0x{Code:X8}",
    };
}
