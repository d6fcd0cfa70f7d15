using Nightshift.Core.Samples;

namespace Nightshift.Server.Export;

/// <summary>One sample of an export with the index of its tag in <see cref="ExportRequest.Tags"/>.</summary>
public readonly record struct ExportRow(int Tag, Sample Sample);
