namespace Nightshift.Historian.Rollups;

/// <summary>
/// One stored rollup row of one series: the aggregates of the numeric samples in <c>[Start, End)</c> (see
/// <see cref="RollupSql"/>). <see cref="Integral"/> runs from <see cref="FirstTime"/> to <see cref="End"/> and
/// <see cref="Delta"/> counts only steps between samples inside the bucket. Times are UTC. Immutable.
/// </summary>
internal readonly record struct RollupRow(
    DateTime Start,
    DateTime End,
    double Min,
    double Max,
    double Sum,
    long Count,
    double First,
    DateTime FirstTime,
    double Last,
    DateTime LastTime,
    double Delta,
    double Integral);
