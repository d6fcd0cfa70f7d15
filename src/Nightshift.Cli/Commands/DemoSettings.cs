namespace Nightshift.Cli.Commands;

/// <summary>The virtual plant's settings of <c>nightshift demo</c>.</summary>
public sealed record DemoSettings(double Speed, int Seed);
