namespace Nightshift.Server.Data;

/// <summary>
/// A key for scripts, devices and MQTT clients. Only the SHA-256 of the secret is stored; the secret is shown
/// once when the key is created. Keys look like <c>nsk_{id}_{secret}</c>.
/// </summary>
public sealed class ApiKey
{
    public int Id { get; set; }

    public required string Tenant { get; set; }

    public required string Name { get; set; }

    public required byte[] SecretHash { get; set; }

    public required string Role { get; set; }

    public DateTime Created { get; set; }

    public bool Revoked { get; set; }
}
