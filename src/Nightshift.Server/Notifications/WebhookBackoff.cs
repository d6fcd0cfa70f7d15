namespace Nightshift.Server.Notifications;

/// <summary>
/// The delay before the next attempt of a delivery: <see cref="WebhookOptions.FirstRetryDelay"/> doubled for each attempt
/// already failed after the first, capped at <see cref="WebhookOptions.MaxRetryDelay"/>, then varied by
/// ±<see cref="WebhookOptions.Jitter"/>. Pure and thread-safe.
/// </summary>
public static class WebhookBackoff
{
    /// <param name="options">The delivery options.</param>
    /// <param name="failedAttempts">The attempts made so far, all failed (1 after the first).</param>
    /// <param name="random">A number in [0, 1) that picks the jitter; 0.5 gives the delay without jitter.</param>
    public static TimeSpan Delay(WebhookOptions options, int failedAttempts, double random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        var exponent = Math.Min(failedAttempts - 1, 30);
        var ticks = Math.Min(options.FirstRetryDelay.Ticks * Math.Pow(2, exponent), options.MaxRetryDelay.Ticks);
        var jitter = Math.Clamp(options.Jitter, 0, 1);
        ticks *= 1 + (jitter * ((2 * Math.Clamp(random, 0, 1)) - 1));
        return TimeSpan.FromTicks((long)Math.Max(ticks, 0));
    }
}
