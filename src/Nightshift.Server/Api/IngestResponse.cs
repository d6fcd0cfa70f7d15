namespace Nightshift.Server.Api;

/// <summary>The body of a successful <c>POST /api/v1/ingest</c>.</summary>
public sealed record IngestResponse(int Accepted);
