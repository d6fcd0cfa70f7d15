using System.Net.Http.Headers;

namespace Nightshift.Benchmarks.Peers;

/// <summary>POSTs prepared request bodies with a few requests in flight. Thread-safe (no state).</summary>
public static class HttpIngest
{
    /// <summary>Requests in flight: one per core, at least two.</summary>
    public static int Parallelism => Math.Max(2, Environment.ProcessorCount);

    /// <summary>POSTs every body to <paramref name="url"/>; fails on the first status that is not a success.</summary>
    /// <exception cref="HttpRequestException">A request failed or was refused.</exception>
    public static async Task PostAllAsync(HttpClient http, Uri url, IReadOnlyList<byte[]> bodies, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(bodies);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct };
        await Parallel.ForEachAsync(bodies, options, async (body, token) =>
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            using var response = await http.PostAsync(url, content, token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(token).ConfigureAwait(false);
                throw new HttpRequestException($"POST {url.AbsolutePath} answered {(int)response.StatusCode}: {text}");
            }
        }).ConfigureAwait(false);
    }

    /// <summary>GETs <paramref name="url"/> and returns the body; fails when the status is not a success.</summary>
    /// <exception cref="HttpRequestException">The request failed or was refused.</exception>
    public static async Task<string> GetAsync(HttpClient http, Uri url, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var response = await http.GetAsync(url, ct).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        return response.IsSuccessStatusCode
            ? text
            : throw new HttpRequestException($"GET {url.AbsolutePath} answered {(int)response.StatusCode}: {text}");
    }
}
