using Nightshift.Core.Assets;

namespace Nightshift.Core.Ingest;

/// <summary>A metric a source announced (e.g. in a Sparkplug birth): its name, data type and unit.</summary>
public sealed record SourceMetric(string Name, TagDataType DataType, string? Unit = null);
