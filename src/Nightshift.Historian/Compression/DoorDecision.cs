namespace Nightshift.Historian.Compression;

/// <summary>What <see cref="SwingingDoorFilter.Offer"/> says to store.</summary>
public enum DoorDecision
{
    /// <summary>Nothing: the new point is held back.</summary>
    None,

    /// <summary>The point held until now; the new point is held back.</summary>
    Held,

    /// <summary>The new point.</summary>
    Current,

    /// <summary>The point held until now, then the new point.</summary>
    HeldAndCurrent,
}
