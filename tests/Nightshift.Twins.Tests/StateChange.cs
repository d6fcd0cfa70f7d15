namespace Nightshift.Twins.Tests;

/// <summary>One call of <see cref="Equipment.ITwinListener.StateChanged"/> as recorded.</summary>
public sealed record StateChange(string Tenant, string EquipmentPath, string? Previous, string Current, DateTime Timestamp);
