using System.Text.Json.Serialization;
using Nightshift.Connectivity.LineProtocol;

namespace Nightshift.Server.Api;

/// <summary>
/// The body of a refused InfluxDB write, as InfluxDB words it: <c>{"error":"..."}</c>. On a parse error it also says
/// how many points were <see cref="Accepted"/> and lines <see cref="Dropped"/>, and the first <see cref="Lines"/>
/// with their line, column and reason (extra members InfluxDB clients ignore).
/// </summary>
public sealed record LineProtocolErrorResponse(string Error)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Accepted { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Dropped { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<LineProtocolError>? Lines { get; init; }
}
