using Microsoft.EntityFrameworkCore;

namespace Nightshift.Server.Data;

/// <summary>A stored connector: its document as JSON (camelCase, defaults filled), unique by tenant and name.</summary>
[Index(nameof(Tenant), nameof(Name), IsUnique = true)]
public sealed class ConnectorEntry
{
    public int Id { get; set; }

    public required string Tenant { get; set; }

    public required string Name { get; set; }

    public required string Document { get; set; }

    public DateTime Updated { get; set; }
}
