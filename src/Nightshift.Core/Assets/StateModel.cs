namespace Nightshift.Core.Assets;

/// <summary>
/// The states an asset type can be in, and which tag reports the current one. Immutable.
/// </summary>
public sealed record StateModel(string Name, IReadOnlyList<StateDefinition> States, string StateTag = "state")
{
    /// <summary>The machine state model used by the virtual plant and as the default for machines.</summary>
    public static StateModel Machine { get; } = new(
        "machine",
        [
            new("Running", StateCategory.Productive, "#2e9e5b"),
            new("Idle", StateCategory.Idle, "#8a94a6"),
            new("Starved", StateCategory.Starved, "#d9a531"),
            new("Blocked", StateCategory.Blocked, "#c77d2e"),
            new("Changeover", StateCategory.Setup, "#3d7fd9"),
            new("Down", StateCategory.Down, "#d64545"),
            new("Offline", StateCategory.Offline, "#4a4f5a"),
        ]);

    /// <summary>The state model of utilities and meters that are only on or off.</summary>
    public static StateModel Utility { get; } = new(
        "utility",
        [
            new("Running", StateCategory.Productive, "#2e9e5b"),
            new("Idle", StateCategory.Idle, "#8a94a6"),
            new("Down", StateCategory.Down, "#d64545"),
            new("Offline", StateCategory.Offline, "#4a4f5a"),
        ]);

    public StateDefinition? Find(string? name) =>
        name is null ? null : States.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
