namespace Nightshift.EndToEnd.Tests.Support;

/// <summary>
/// Waits for a condition by polling it at a short interval (50 ms) until a deadline; never a fixed long sleep.
/// Thread-safe (stateless). Throws <see cref="TimeoutException"/> naming what was awaited and the last value seen.
/// </summary>
public static class Poll
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Polls <paramref name="probe"/> until <paramref name="accept"/> holds for its result; returns that result.</summary>
    /// <exception cref="TimeoutException">The deadline passed first; the message says what and the last value.</exception>
    public static async Task<T> UntilAsync<T>(Func<CancellationToken, Task<T>> probe, Func<T, bool> accept, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(accept);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var last = default(T);
        Exception? lastError = null;
        while (true)
        {
            try
            {
                last = await probe(deadline.Token);
                lastError = null;
                if (accept(last))
                {
                    return last;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                lastError = ex;
            }

            try
            {
                await Task.Delay(Interval, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}; last value: {Describe(last)}", lastError);
            }
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it is true.</summary>
    /// <exception cref="TimeoutException">The deadline passed first.</exception>
    public static Task UntilAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, string what, CancellationToken cancellationToken) =>
        UntilAsync(condition, static ok => ok, timeout, what, cancellationToken);

    private static string Describe<T>(T value)
    {
        var text = value?.ToString() ?? "(none)";
        return text.Length > 2000 ? text[..2000] + "..." : text;
    }
}
