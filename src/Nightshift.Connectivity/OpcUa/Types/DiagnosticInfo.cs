namespace Nightshift.Connectivity.OpcUa.Types;

/// <summary>
/// Vendor-specific diagnostics of an operation (Part 4, 7.12): indexes into the response's string table, additional
/// text and a nested inner diagnostic. Immutable and thread-safe.
/// </summary>
public sealed record DiagnosticInfo
{
    public int? SymbolicId { get; init; }

    public int? NamespaceUri { get; init; }

    public int? Locale { get; init; }

    public int? LocalizedText { get; init; }

    public string? AdditionalInfo { get; init; }

    public StatusCode? InnerStatusCode { get; init; }

    public DiagnosticInfo? InnerDiagnosticInfo { get; init; }
}
