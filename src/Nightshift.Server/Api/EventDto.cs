namespace Nightshift.Server.Api;

/// <summary>One event of the journal: when (UTC), its kind (stateChange, connectivity, alarm, command, configuration, audit), at which asset (null for tenant-wide), who and what.</summary>
public sealed record EventDto(DateTime Timestamp, string Kind, string? Asset, string Actor, string Message);
