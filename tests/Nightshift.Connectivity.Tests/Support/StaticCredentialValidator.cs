using Nightshift.Connectivity.Mqtt;

namespace Nightshift.Connectivity.Tests.Support;

/// <summary>Accepts the user names and passwords it was given, each for its tenant.</summary>
public sealed class StaticCredentialValidator : IMqttCredentialValidator
{
    private readonly Dictionary<string, (string Password, string Tenant)> _users;

    public StaticCredentialValidator(params (string User, string Password, string Tenant)[] users) =>
        _users = users.ToDictionary(u => u.User, u => (u.Password, u.Tenant));

    public ValueTask<MqttPrincipal?> ValidateAsync(string clientId, string? username, string? password, CancellationToken ct) =>
        ValueTask.FromResult(username is not null && _users.TryGetValue(username, out var user) && user.Password == password
            ? new MqttPrincipal(user.Tenant, username)
            : null);
}
