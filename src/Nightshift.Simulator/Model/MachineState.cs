namespace Nightshift.Simulator.Model;

/// <summary>
/// The state of a simulated machine or utility, published as the String metric <c>state</c>.
/// Machines use all of them; utilities and meters only <see cref="Running"/>, <see cref="Idle"/> and <see cref="Down"/>.
/// The names match the states of <see cref="Nightshift.Core.Assets.StateModel.Machine"/>.
/// </summary>
public enum MachineState
{
    Running,
    Idle,
    Starved,
    Blocked,
    Changeover,
    Down,
}
