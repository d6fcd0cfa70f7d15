using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Nightshift.EndToEnd.Tests.Support;

/// <summary>Small readers of the REST API for the tests, over an authorized <see cref="HttpClient"/>. Thread-safe.</summary>
public static class ApiClientExtensions
{
    /// <summary><c>GET</c> a JSON body; throws <see cref="HttpRequestException"/> on a non-success status.</summary>
    public static async Task<JsonElement> GetJsonAsync(this HttpClient http, string pathAndQuery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var response = await http.GetAsync(new Uri(pathAndQuery, UriKind.Relative), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"GET {pathAndQuery} answered {(int)response.StatusCode}: {body}", null, response.StatusCode);
        }

        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    /// <summary><c>GET /api/v1/tags?under={path}</c> as a map of tag path to its JSON (path, seriesId, unit, value, quality, timestamp).</summary>
    public static async Task<IReadOnlyDictionary<string, JsonElement>> GetTagsAsync(this HttpClient http, string under, CancellationToken cancellationToken)
    {
        var tags = await http.GetJsonAsync("/api/v1/tags?under=" + Uri.EscapeDataString(under), cancellationToken);
        return tags.EnumerateArray().ToDictionary(t => t.GetProperty("path").GetString()!, t => t.Clone(), StringComparer.Ordinal);
    }

    /// <summary>The latest value of one tag, or null when the tag is unknown or has no value yet.</summary>
    public static async Task<JsonElement?> GetTagAsync(this HttpClient http, string tagPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tagPath);
        var tags = await http.GetTagsAsync(tagPath[..tagPath.LastIndexOf('.')], cancellationToken);
        return tags.TryGetValue(tagPath, out var tag) && tag.GetProperty("value").ValueKind != JsonValueKind.Null ? tag : null;
    }

    /// <summary><c>POST /api/v1/commands/write</c> with the command; asserts 200 and returns the outcome (outcome, readBack, error).</summary>
    public static async Task<JsonElement> WriteTagAsync(this HttpClient http, object command, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/commands/write", command, cancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(cancellationToken));
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    /// <summary><c>GET /metrics</c> as text.</summary>
    public static async Task<string> GetMetricsAsync(this HttpClient http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        return await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken);
    }

    /// <summary>The timestamp of a tag's JSON.</summary>
    public static DateTime Timestamp(this JsonElement tag) => tag.GetProperty("timestamp").GetDateTime().ToUniversalTime();
}
