using Nightshift.Connectivity.OpcUa.Types;

namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>The common header of every response (Part 4, 7.33). Immutable and thread-safe.</summary>
public sealed record ResponseHeader(DateTime Timestamp, uint RequestHandle, StatusCode ServiceResult, IReadOnlyList<string?> StringTable);
