namespace Nightshift.Simulator.Model;

/// <summary>
/// A state change of one simulated device. <see cref="Timestamp"/> is the plant's simulated clock (UTC).
/// <see cref="Detail"/> says more where there is more to say (the failure mode, the new product id). Immutable.
/// </summary>
public sealed record StateTransition(
    DateTime Timestamp,
    string EdgeNodeId,
    string DeviceId,
    MachineState From,
    MachineState To,
    TransitionCause Cause,
    string? Detail = null);
