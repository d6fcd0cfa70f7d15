namespace Nightshift.Server.Components.Live;

/// <summary>
/// The state of one equipment as the control room shows it, copied out of a <see cref="LiveEquipment"/> at one instant.
/// <see cref="Since"/> is UTC and only meaningful when <see cref="State"/> is known. Immutable.
/// </summary>
/// <param name="State">The current state of the equipment's state model (e.g. "Running"), or null before the first report.</param>
/// <param name="Since">When the current state began (UTC).</param>
/// <param name="Online">False when the equipment's source went offline.</param>
/// <param name="HasData">True once the twin received at least one sample.</param>
/// <param name="SamplesReceived">Samples the twin received since it was created.</param>
public readonly record struct EquipmentStatus(string? State, DateTime Since, bool Online, bool HasData, long SamplesReceived)
{
    /// <summary>The label to show: the state, "Offline" when the source is gone, "No data" before anything arrived.</summary>
    public string Label => !HasData ? "No data" : !Online ? "Offline" : State ?? "Unknown";

    /// <summary>How long the equipment has been in its state at <paramref name="nowUtc"/>; null when unknown.</summary>
    public TimeSpan? TimeInState(DateTime nowUtc) =>
        HasData && Since != default ? (nowUtc > Since ? nowUtc - Since : TimeSpan.Zero) : null;
}
