namespace Nightshift.Server.Components.Display;

/// <summary>The bounding box of an element in the browser's viewport, in CSS pixels (from getBoundingClientRect). Immutable.</summary>
public readonly record struct ElementBounds(double Left, double Top, double Width, double Height);
