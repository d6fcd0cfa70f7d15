using Nightshift.Core.Assets;

namespace Nightshift.Core.Series;

/// <summary>What a <see cref="SeriesId"/> stands for: a tag of an asset in a tenant.</summary>
public sealed record SeriesInfo(SeriesId Id, string Tenant, TagPath Path);
