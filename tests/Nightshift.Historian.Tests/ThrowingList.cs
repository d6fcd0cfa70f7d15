using System.Collections;
using Nightshift.Core.Samples;

namespace Nightshift.Historian.Tests;

/// <summary>
/// A sample list whose items cannot be read: it stands for a batch that fails while it is written, so that a test
/// can see the other batches of the same write survive.
/// </summary>
public sealed class ThrowingList : IReadOnlyList<Sample>
{
    private readonly Sample _sample;

    public ThrowingList(Sample sample) => _sample = sample;

    public int Count => 1;

    public Sample this[int index] => throw new InvalidOperationException($"Sample {index} of {_sample.Series} cannot be read.");

    public IEnumerator<Sample> GetEnumerator() => throw new InvalidOperationException("The samples cannot be read.");

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
