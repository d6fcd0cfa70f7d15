namespace Nightshift.Core.Samples;

/// <summary>The severity of a <see cref="Quality"/>, as in OPC UA status codes.</summary>
public enum QualitySeverity : byte
{
    Good = 0,
    Uncertain = 1,
    Bad = 2,
}
