using System.Globalization;
using System.Text.Json;
using Nightshift.Core.Assets;
using Nightshift.Core.Ingest;
using Nightshift.Core.Samples;

namespace Nightshift.Server.Ingest;

/// <summary>
/// Parses the body of <c>POST /api/v1/ingest</c>:
/// <code>{"samples":[{"tag":"site/area/line/eq.temperature","value":21.5,"timestamp":"2026-11-25T08:00:00Z","quality":"good"}]}</code>
/// <c>timestamp</c> is optional (receive time), <c>quality</c> optional (good; also uncertain, bad or a numeric OPC UA
/// code), <c>value</c> a number, bool or string (null only with a bad quality). Integers become long, other numbers double.
/// Samples are grouped per equipment into one <see cref="SourceBatch"/> each, addressed <c>api/{equipment path}</c>.
/// Any error rejects the whole request with a message that names the sample and field. Pure and thread-safe.
/// </summary>
public static class IngestRequestParser
{
    public const int MaxSamples = 100_000;

    public static bool TryParse(ReadOnlySpan<byte> json, string tenant, DateTime receivedUtc, out IReadOnlyList<SourceBatch> batches, out string? error)
    {
        batches = [];
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException ex)
        {
            error = "invalid JSON: " + ex.Message;
            return false;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("samples", out var samples) || samples.ValueKind != JsonValueKind.Array)
            {
                error = "the body must be an object with a 'samples' array";
                return false;
            }

            if (samples.GetArrayLength() > MaxSamples)
            {
                error = $"at most {MaxSamples} samples per request, not {samples.GetArrayLength()}";
                return false;
            }

            var groups = new Dictionary<string, List<SourcePoint>>(StringComparer.Ordinal);
            var index = 0;
            foreach (var element in samples.EnumerateArray())
            {
                if (!TryParseSample(element, receivedUtc, out var tag, out var point, out error))
                {
                    error = $"samples[{index}]: {error}";
                    return false;
                }

                var source = "api/" + tag.Asset.Value;
                if (!groups.TryGetValue(source, out var list))
                {
                    groups[source] = list = [];
                }

                list.Add(point);
                index++;
            }

            batches = groups.Select(g => new SourceBatch(tenant, g.Key, g.Value)).ToList();
            error = null;
            return true;
        }
    }

    private static bool TryParseSample(JsonElement element, DateTime receivedUtc, out TagPath tag, out SourcePoint point, out string? error)
    {
        tag = null!;
        point = default;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = "a sample must be an object";
            return false;
        }

        if (!element.TryGetProperty("tag", out var tagElement) || tagElement.ValueKind != JsonValueKind.String)
        {
            error = "'tag' is required: '<asset path>.<tag name>'";
            return false;
        }

        if (!TagPath.TryParse(tagElement.GetString(), out var parsed, out error))
        {
            error = "tag: " + error;
            return false;
        }

        tag = parsed;
        if (tag.Asset.Depth == 0)
        {
            error = "tag: the asset path is empty";
            return false;
        }

        var timestamp = receivedUtc;
        if (element.TryGetProperty("timestamp", out var ts) && ts.ValueKind != JsonValueKind.Null)
        {
            if (ts.ValueKind != JsonValueKind.String || !Api.QueryTime.TryParse(ts.GetString(), receivedUtc, out timestamp, out error))
            {
                error = "timestamp: " + (error ?? "must be an ISO-8601 string");
                return false;
            }
        }

        var quality = Quality.Good;
        if (element.TryGetProperty("quality", out var q) && q.ValueKind != JsonValueKind.Null && !TryParseQuality(q, out quality))
        {
            error = "quality: must be 'good', 'uncertain', 'bad' or a numeric OPC UA status code";
            return false;
        }

        if (!element.TryGetProperty("value", out var v))
        {
            error = "'value' is required";
            return false;
        }

        SampleValue value;
        switch (v.ValueKind)
        {
            case JsonValueKind.Number when v.TryGetInt64(out var l) && !HasFractionOrExponent(v):
                value = SampleValue.FromLong(l);
                break;
            case JsonValueKind.Number:
                var d = v.GetDouble();
                if (!double.IsFinite(d))
                {
                    error = "value: must be a finite number";
                    return false;
                }

                value = SampleValue.FromDouble(d);
                break;
            case JsonValueKind.True or JsonValueKind.False:
                value = SampleValue.FromBool(v.GetBoolean());
                break;
            case JsonValueKind.String:
                value = SampleValue.FromString(v.GetString()!);
                break;
            case JsonValueKind.Null when quality.IsBad:
                value = SampleValue.None;
                break;
            default:
                error = "value: must be a number, true/false or a string (null only with a bad quality)";
                return false;
        }

        point = new SourcePoint(tag.Tag, timestamp, value, quality);
        error = null;
        return true;
    }

    private static bool HasFractionOrExponent(JsonElement number)
    {
        var raw = number.GetRawText();
        return raw.Contains('.', StringComparison.Ordinal) || raw.Contains('e', StringComparison.OrdinalIgnoreCase);
    }

    private static bool TryParseQuality(JsonElement element, out Quality quality)
    {
        quality = Quality.Good;
        if (element.ValueKind == JsonValueKind.Number && element.TryGetUInt32(out var code))
        {
            quality = new Quality(code);
            return true;
        }

        switch (element.ValueKind == JsonValueKind.String ? element.GetString()?.ToUpperInvariant() : null)
        {
            case "GOOD":
                return true;
            case "UNCERTAIN":
                quality = Quality.Uncertain;
                return true;
            case "BAD":
                quality = Quality.Bad;
                return true;
            default:
                if (element.ValueKind == JsonValueKind.String
                    && uint.TryParse(element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out code))
                {
                    quality = new Quality(code);
                    return true;
                }

                return false;
        }
    }
}
