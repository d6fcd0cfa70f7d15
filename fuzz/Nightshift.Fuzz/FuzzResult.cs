namespace Nightshift.Fuzz;

/// <summary>What one decoder's run found. Immutable.</summary>
/// <param name="Decoder">The decoder name.</param>
/// <param name="Inputs">Inputs run.</param>
/// <param name="Failures">Inputs that threw a foreign exception, ran too long, or allocated too much.</param>
/// <param name="Rejected">Inputs rejected with the decoder's own format error (a pass).</param>
/// <param name="Elapsed">Wall time of the run.</param>
/// <param name="SlowestMs">The slowest single input, in milliseconds.</param>
/// <param name="MaxBytes">The most bytes allocated by a single input.</param>
/// <param name="TotalBytes">Bytes allocated by all inputs.</param>
public sealed record FuzzResult(string Decoder, long Inputs, long Failures, long Rejected, TimeSpan Elapsed, double SlowestMs, long MaxBytes, long TotalBytes)
{
    public double InputsPerSecond => Inputs / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
