using Nightshift.Core.Samples;

namespace Nightshift.Core.Ingest;

/// <summary>A sample together with the name of its tag on its equipment.</summary>
public readonly record struct TagSample(string Tag, Sample Sample);
