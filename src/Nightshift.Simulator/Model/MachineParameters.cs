namespace Nightshift.Simulator.Model;

/// <summary>
/// The reliability and production parameters of a kind of simulated machine. Times are in simulated seconds.
/// Immutable.
/// </summary>
/// <param name="MeanTimeBetweenFailures">Mean running time between failures (exponential).</param>
/// <param name="MeanTimeToRepair">Mean repair time: <see cref="MinimumTimeToRepair"/> plus an exponential part.</param>
/// <param name="MinimumTimeToRepair">The shortest repair.</param>
/// <param name="DegradingFailureShare">The share of failures announced by degradation (e.g. rising vibration).</param>
/// <param name="DegradationLeadMin">Shortest running time over which degradation rises before such a failure.</param>
/// <param name="DegradationLeadMax">Longest running time over which degradation rises before such a failure.</param>
/// <param name="MeanTimeBetweenMicroStops">Mean running time between micro-stops; 0 for none.</param>
/// <param name="MicroStopMin">Shortest micro-stop.</param>
/// <param name="MicroStopMax">Longest micro-stop.</param>
/// <param name="OrderSizeMin">Fewest parts in a production order; 0 for a machine without orders or changeovers.</param>
/// <param name="OrderSizeMax">Most parts in a production order.</param>
/// <param name="ChangeoverMin">Shortest changeover.</param>
/// <param name="ChangeoverMax">Longest changeover.</param>
/// <param name="ScrapRate">The share of parts scrapped on a healthy machine; degradation adds up to 5 points.</param>
/// <param name="Products">The product ids the machine makes, one per order in turn.</param>
internal sealed record MachineParameters(
    double MeanTimeBetweenFailures,
    double MeanTimeToRepair,
    double MinimumTimeToRepair,
    double DegradingFailureShare,
    double DegradationLeadMin,
    double DegradationLeadMax,
    double MeanTimeBetweenMicroStops,
    double MicroStopMin,
    double MicroStopMax,
    int OrderSizeMin,
    int OrderSizeMax,
    double ChangeoverMin,
    double ChangeoverMax,
    double ScrapRate,
    IReadOnlyList<string> Products);
