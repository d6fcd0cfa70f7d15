namespace Nightshift.Simulator.Runtime;

/// <summary>
/// How <see cref="PlantSimulator"/> reaches the MQTT broker and how fast the virtual plant runs. Immutable.
/// </summary>
public sealed record PlantSimulatorOptions
{
    /// <summary>The MQTT broker's host name or address.</summary>
    public string Host { get; init; } = "localhost";

    /// <summary>The MQTT broker's TCP port.</summary>
    public int Port { get; init; } = 1883;

    public string Username { get; init; } = string.Empty;

    public string Password { get; init; } = string.Empty;

    /// <summary>
    /// How many simulated seconds pass per real second for the plant's dynamics (failures, repairs, changeovers,
    /// counts). Timestamps stay wall-clock UTC and the sun follows the wall clock. Must be positive.
    /// </summary>
    public double Speed { get; init; } = 1.0;

    /// <summary>The seed of the plant model: the same seed gives the same plant.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>How often (real time) the plant is advanced and its changes published. Must be positive.</summary>
    public TimeSpan PublishInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The Sparkplug primary host whose STATE the edge nodes wait for before their births; null for none.</summary>
    public string? PrimaryHostId { get; init; } = "nightshift";
}
