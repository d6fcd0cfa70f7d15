namespace Nightshift.Core.Assets;

/// <summary>One state of a <see cref="StateModel"/>: a name, its category and the colour the control room shows.</summary>
public sealed record StateDefinition(string Name, StateCategory Category, string Color);
