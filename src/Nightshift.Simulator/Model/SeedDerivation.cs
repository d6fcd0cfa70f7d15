namespace Nightshift.Simulator.Model;

/// <summary>
/// Derives the seed of one device's <see cref="Random"/> from the plant seed and the device's address, so that
/// each device draws from its own stream: adding, removing or reordering devices does not change another's draws.
/// FNV-1a over the UTF-16 code units, stable across processes and platforms (unlike <see cref="string.GetHashCode()"/>).
/// </summary>
internal static class SeedDerivation
{
    public static int For(int plantSeed, string name)
    {
        const uint offset = 2166136261;
        const uint prime = 16777619;
        var hash = offset;
        foreach (var b in BitConverter.GetBytes(plantSeed))
        {
            hash = (hash ^ b) * prime;
        }

        foreach (var c in name)
        {
            hash = (hash ^ (c & 0xFFu)) * prime;
            hash = (hash ^ (uint)(c >> 8)) * prime;
        }

        return (int)(hash & 0x7FFF_FFFF);
    }
}
