namespace Nightshift.Historian;

/// <summary>How <see cref="IHistorian.ReadAlignedAsync"/> fills each step of its time axis.</summary>
public enum AlignMode
{
    /// <summary>
    /// Sample and hold: the value of the last sample at or before the step (a sample before the range counts);
    /// null when there is none, or when that sample is not numeric, NaN or of Bad quality.
    /// </summary>
    Previous,

    /// <summary>The mean of the numeric, non-NaN, not-Bad samples in <c>[step, step + interval)</c>; null when there are none.</summary>
    Average,
}
