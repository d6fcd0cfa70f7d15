namespace Nightshift.Server.Notifications;

/// <summary>
/// How webhooks are delivered (configuration section <c>Webhooks</c>, e.g. the environment variable
/// <c>Webhooks__MaxAttempts=5</c>). The defaults make 8 attempts over about an hour: the first at once, then after
/// 30 s, 1, 2, 4, 8, 16 and 32 min, each delay varied by ±<see cref="Jitter"/> so that many deliveries to one receiver
/// that came back do not retry in step. Mutable for configuration binding; read once when the service starts.
/// </summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Webhooks";

    /// <summary>Attempts per delivery, the first included; after the last it is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The delay before the first retry; each further retry waits twice as long as the one before.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest delay between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The fraction (0 to 1) by which a delay is varied at random, up or down.</summary>
    public double Jitter { get; set; } = 0.2;

    /// <summary>How long one attempt may take before it counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts in flight at once per webhook: a slow receiver holds up only its own deliveries.</summary>
    public int MaxConcurrencyPerWebhook { get; set; } = 2;

    /// <summary>How often the outbox is looked at for retries that came due (new deliveries are sent at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Events queued between the alarm path and the outbox writer; beyond it events are dropped and counted.</summary>
    public int QueueCapacity { get; set; } = 10_000;
}
