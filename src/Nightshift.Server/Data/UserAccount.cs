namespace Nightshift.Server.Data;

/// <summary>A person who signs in to a tenant with a user name and password.</summary>
public sealed class UserAccount
{
    public int Id { get; set; }

    public required string Tenant { get; set; }

    public required string UserName { get; set; }

    public required string PasswordHash { get; set; }

    public required string Role { get; set; }

    public DateTime Created { get; set; }
}
