using System.Diagnostics;

namespace Nightshift.Benchmarks.Peers;

/// <summary>Polls a condition until it holds or a deadline passes. Thread-safe (no state).</summary>
public static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Calls <paramref name="ready"/> every 50 ms until it returns true, or throws after <paramref name="timeout"/>.</summary>
    /// <exception cref="TimeoutException">The condition did not hold in time; the message says what was awaited.</exception>
    public static async Task UntilAsync(Func<CancellationToken, Task<bool>> ready, TimeSpan timeout, string what, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ready);
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            if (await ready(ct).ConfigureAwait(false))
            {
                return;
            }

            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(Interval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Whether a GET of <paramref name="url"/> answers with a success status now.</summary>
    public static async Task<bool> HttpOkAsync(HttpClient http, Uri url, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            using var response = await http.GetAsync(url, ct).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
