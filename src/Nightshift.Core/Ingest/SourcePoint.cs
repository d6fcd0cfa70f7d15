using Nightshift.Core.Samples;

namespace Nightshift.Core.Ingest;

/// <summary>One decoded value as a connector received it: named by the source (e.g. a Sparkplug metric name), not yet by a series.</summary>
public readonly record struct SourcePoint(string Name, DateTime Timestamp, SampleValue Value, Quality Quality);
