namespace Nightshift.Simulator.Model;

/// <summary>The published names of the machine states, cached so that publishing a state allocates nothing.</summary>
internal static class StateNames
{
    private static readonly string[] Names = Enum.GetNames<MachineState>();

    public static string Of(MachineState state) => Names[(int)state];
}
