namespace Nightshift.Connectivity.OpcUa.Services;

/// <summary>
/// Who the session acts for: anonymous, or a user name with a password (Part 4, 7.41). The password is sent as the
/// endpoint's user token policy says: plain text where the policy is None, else encrypted by the channel's security.
/// Immutable and thread-safe.
/// </summary>
public sealed record UserIdentity
{
    private UserIdentity(UserTokenType tokenType, string? userName, string? password)
    {
        TokenType = tokenType;
        UserName = userName;
        Password = password;
    }

    public static UserIdentity Anonymous { get; } = new(UserTokenType.Anonymous, null, null);

    public UserTokenType TokenType { get; }

    public string? UserName { get; }

    public string? Password { get; }

    /// <exception cref="ArgumentException">The user name is empty.</exception>
    public static UserIdentity FromUserName(string userName, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        ArgumentNullException.ThrowIfNull(password);
        return new UserIdentity(UserTokenType.UserName, userName, password);
    }

    /// <summary>The identity without the password, for logs.</summary>
    public override string ToString() => TokenType == UserTokenType.Anonymous ? "anonymous" : $"user {UserName}";
}
