namespace Nightshift.Core.Assets;

/// <summary>How the historian thins out a numeric tag before it stores it (<see cref="TagCompression"/>).</summary>
public enum CompressionKind
{
    /// <summary>Lossless: every sample is stored (the default).</summary>
    None,

    /// <summary>A sample is stored when it differs from the last stored one by more than the maximum error (read back with step interpolation).</summary>
    Deadband,

    /// <summary>Swinging door: a sample is stored when the straight line from the last stored one can no longer stay within the maximum error of every sample since (read back with linear interpolation).</summary>
    SwingingDoor,
}
