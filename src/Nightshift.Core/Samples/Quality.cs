namespace Nightshift.Core.Samples;

/// <summary>
/// The quality of a sample, an OPC UA status code (Part 4, 7.39): the top two bits give the severity
/// (Good, Uncertain, Bad), the next 14 bits the sub-code. Immutable and thread-safe.
/// </summary>
public readonly record struct Quality(uint Code)
{
    private const uint SeverityMask = 0xC000_0000;

    public static readonly Quality Good = new(0x0000_0000);
    public static readonly Quality Uncertain = new(0x4000_0000);
    public static readonly Quality UncertainLastUsableValue = new(0x4090_0000);
    public static readonly Quality Bad = new(0x8000_0000);
    public static readonly Quality BadCommunicationError = new(0x8005_0000);
    public static readonly Quality BadNoCommunication = new(0x8031_0000);
    public static readonly Quality BadWaitingForInitialData = new(0x8032_0000);
    public static readonly Quality BadConfigurationError = new(0x8089_0000);
    public static readonly Quality BadNotConnected = new(0x808A_0000);
    public static readonly Quality BadDeviceFailure = new(0x808B_0000);
    public static readonly Quality BadOutOfService = new(0x808D_0000);

    public QualitySeverity Severity => (Code & SeverityMask) switch
    {
        0 => QualitySeverity.Good,
        0x4000_0000 => QualitySeverity.Uncertain,
        _ => QualitySeverity.Bad,
    };

    public bool IsGood => Severity == QualitySeverity.Good;

    public bool IsBad => Severity == QualitySeverity.Bad;

    /// <summary>A short name for display: the symbolic name of a known code, else the severity and the hex code.</summary>
    public override string ToString() => Code switch
    {
        0x0000_0000 => "Good",
        0x4000_0000 => "Uncertain",
        0x4090_0000 => "UncertainLastUsableValue",
        0x8000_0000 => "Bad",
        0x8005_0000 => "BadCommunicationError",
        0x8031_0000 => "BadNoCommunication",
        0x8032_0000 => "BadWaitingForInitialData",
        0x8089_0000 => "BadConfigurationError",
        0x808A_0000 => "BadNotConnected",
        0x808B_0000 => "BadDeviceFailure",
        0x808D_0000 => "BadOutOfService",
        _ => $"{Severity}(0x{Code:X8})",
    };
}
