using Microsoft.Extensions.Logging;

namespace Nightshift.Connectivity.OpcUa.Security;

/// <summary>Source-generated log messages of <see cref="CertificateStore"/> (event ids 2650-2669).</summary>
internal static partial class CertificateStoreLog
{
    [LoggerMessage(EventId = 2650, Level = LogLevel.Information, Message = "Created the OPC UA application certificate {Subject} ({Thumbprint}) for {ApplicationUri}, valid until {NotAfter:O}: {Path}")]
    public static partial void Created(ILogger logger, string subject, string thumbprint, string applicationUri, DateTime notAfter, string path);

    [LoggerMessage(EventId = 2651, Level = LogLevel.Warning, Message = "The OPC UA application certificate {Path} is expired or does not match {ApplicationUri}; a new one is created")]
    public static partial void Replacing(ILogger logger, string path, string applicationUri);

    [LoggerMessage(EventId = 2652, Level = LogLevel.Warning, Message = "Refused the untrusted OPC UA server certificate {Subject} ({Thumbprint}); saved as {Path}, move it into {TrustedFolder} to trust it")]
    public static partial void Rejected(ILogger logger, string subject, string thumbprint, string path, string trustedFolder);

    [LoggerMessage(EventId = 2653, Level = LogLevel.Warning, Message = "Trusted the OPC UA server certificate {Subject} ({Thumbprint}) on first use: {Path}")]
    public static partial void TrustedOnFirstUse(ILogger logger, string subject, string thumbprint, string path);

    [LoggerMessage(EventId = 2654, Level = LogLevel.Warning, Message = "Skipped the unreadable certificate {Path} in the trust list: {Reason}")]
    public static partial void Unreadable(ILogger logger, string path, string reason);
}
