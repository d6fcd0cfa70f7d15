using Nightshift.Core.Series;

namespace Nightshift.Server.Export;

/// <summary>One tag of an export: its path as the file names it (<c>asset/path.tag</c>) and the series it reads. Immutable.</summary>
public sealed record ExportTag(string Name, SeriesId Series);
