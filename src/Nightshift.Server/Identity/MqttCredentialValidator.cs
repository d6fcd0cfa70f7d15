using Nightshift.Connectivity.Mqtt;

namespace Nightshift.Server.Identity;

/// <summary>
/// MQTT CONNECT credentials: the password is an API key (any user name), or a user's name and password.
/// Anonymous connections are refused by the broker before this is asked.
/// </summary>
public sealed class MqttCredentialValidator(UserDirectory users) : IMqttCredentialValidator
{
    public async ValueTask<MqttPrincipal?> ValidateAsync(string clientId, string? username, string? password, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(password))
        {
            return null;
        }

        var identity = await users.CheckApiKeyAsync(password, ct)
            ?? (username is null ? null : await users.CheckPasswordAsync(username, password, ct));
        return identity is null ? null : new MqttPrincipal(identity.Tenant, identity.Name);
    }
}
