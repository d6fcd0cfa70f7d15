namespace Nightshift.Server.Components.Oee;

/// <summary>
/// One bar of the OEE loss waterfall: its label, the time it stands for, and where it spans on the time axis
/// [<see cref="From"/>, <see cref="To"/>) from zero; <see cref="Total"/> bars stand on zero, loss bars hang from the
/// previous level. Immutable.
/// </summary>
public sealed record WaterfallStep(string Key, string Label, TimeSpan Value, TimeSpan From, TimeSpan To, bool Total);
