namespace Nightshift.Server.Api;

/// <summary>The answer of <c>GET /api/v1/oee</c>: the scope, the range (UTC, cut at now), the grouping, the number of production equipment, the total and the groups.</summary>
public sealed record OeeResponse(string Under, DateTime From, DateTime To, string By, int Equipment, OeeFiguresDto Total, IReadOnlyList<OeeGroupDto> Groups);
