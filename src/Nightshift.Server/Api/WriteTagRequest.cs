using System.Text.Json;

namespace Nightshift.Server.Api;

/// <summary>
/// A command that writes one tag of one equipment: the value (a JSON number, boolean or string) and how long to wait
/// for the device to report it back, in milliseconds (default 5000, at most 60000).
/// </summary>
public sealed record WriteTagRequest(string? Path, string? Tag, JsonElement Value, int? ConfirmWithinMs, string? Comment);
