namespace Nightshift.Twins.Tests;

/// <summary>One call of <see cref="Equipment.ITwinListener.OnlineChanged"/> as recorded.</summary>
public sealed record OnlineChange(string Tenant, string EquipmentPath, bool Online, DateTime Timestamp);
