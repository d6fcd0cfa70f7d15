namespace Nightshift.Core.Ingest;

/// <summary>
/// The points of one message from one source. <see cref="Source"/> is the connector's address of the device,
/// e.g. <c>spBv1.0/Plant/press-line/press-1</c> for a Sparkplug device or <c>json/line-7/filler</c>.
/// </summary>
public sealed record SourceBatch(string Tenant, string Source, IReadOnlyList<SourcePoint> Points);
