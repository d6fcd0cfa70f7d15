namespace Nightshift.Cli.Commands;

/// <summary>The exit codes of <c>nightshift export</c>.</summary>
public static class ExportExitCodes
{
    /// <summary>The file was written completely.</summary>
    public const int Success = 0;

    /// <summary>The node answered with another error, or the transfer broke off (the partial file is deleted).</summary>
    public const int Failed = 1;

    /// <summary>The request was refused as invalid (400: a bad tag path, range, format, too many tags) or an option is missing.</summary>
    public const int BadRequest = 2;

    /// <summary>The node could not be reached: connection refused, unknown host, timeout.</summary>
    public const int Unreachable = 3;

    /// <summary>The credentials were refused (401) or do not allow the export (403).</summary>
    public const int Unauthorized = 4;

    /// <summary>A tag is unknown in the caller's tenant (404); the message names it.</summary>
    public const int NotFound = 5;

    /// <summary>Cancelled with Ctrl+C (the partial file is deleted).</summary>
    public const int Cancelled = 130;
}
