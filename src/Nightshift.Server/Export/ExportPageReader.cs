using Nightshift.Core.Series;

namespace Nightshift.Server.Export;

/// <summary>Reads the page of <paramref name="series"/> that starts at <paramref name="fromUtc"/>.</summary>
public delegate Task<ExportPage> ExportPageReader(SeriesId series, DateTime fromUtc, CancellationToken cancellationToken);
