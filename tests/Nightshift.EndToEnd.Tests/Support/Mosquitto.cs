using System.Globalization;

namespace Nightshift.EndToEnd.Tests.Support;

/// <summary>
/// The real mosquitto command-line clients (<c>mosquitto_pub</c>, <c>mosquitto_sub</c>, Debian's mosquitto-clients)
/// against the platform's broker. Every call sends an explicit client id: the embedded broker refuses the empty client
/// id that these clients send by default. Thread-safe (stateless).
/// </summary>
public static class Mosquitto
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>The common options: host, port, a unique client id, and the credentials when given.</summary>
    public static List<string> Connection(int port, string? user, string? password, string clientPrefix)
    {
        var args = new List<string> { "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-i", $"{clientPrefix}-{Guid.NewGuid():N}"[..23] };
        if (user is not null)
        {
            args.AddRange(["-u", user]);
        }

        if (password is not null)
        {
            args.AddRange(["-P", password]);
        }

        return args;
    }

    /// <summary>Publishes a text message (QoS 1 unless given).</summary>
    public static Task<ToolResult> PublishAsync(int port, string? user, string? password, string topic, string message, CancellationToken cancellationToken, int qos = 1) =>
        ExternalTool.RunAsync("mosquitto_pub", [.. Connection(port, user, password, "e2e-pub"), "-q", qos.ToString(CultureInfo.InvariantCulture), "-t", topic, "-m", message], Timeout, cancellationToken);

    /// <summary>Publishes the bytes of a file (QoS 0).</summary>
    public static Task<ToolResult> PublishFileAsync(int port, string? user, string? password, string topic, string file, CancellationToken cancellationToken) =>
        ExternalTool.RunAsync("mosquitto_pub", [.. Connection(port, user, password, "e2e-pub"), "-q", "0", "-t", topic, "-f", file], Timeout, cancellationToken);

    /// <summary>Receives <paramref name="count"/> messages of <paramref name="topic"/> (waiting at most <paramref name="waitSeconds"/>).</summary>
    public static Task<ToolResult> SubscribeAsync(int port, string? user, string? password, string topic, int count, int waitSeconds, CancellationToken cancellationToken) =>
        ExternalTool.RunAsync(
            "mosquitto_sub",
            [.. Connection(port, user, password, "e2e-sub"), "-t", topic, "-C", count.ToString(CultureInfo.InvariantCulture), "-W", waitSeconds.ToString(CultureInfo.InvariantCulture)],
            Timeout + TimeSpan.FromSeconds(waitSeconds),
            cancellationToken);

    /// <summary>Starts a subscriber that stays connected and prints "topic payload" lines (<c>-v</c>); dispose to stop it.</summary>
    public static LineCollector StartSubscriber(int port, string user, string password, string topic) =>
        new("mosquitto_sub", [.. Connection(port, user, password, "e2e-watch"), "-v", "-q", "1", "-t", topic]);
}
