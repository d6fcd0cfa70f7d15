using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Nightshift.Core.Assets;
using Nightshift.Core.Series;
using Nightshift.Historian.Retention;
using Nightshift.Server.Ingest;

namespace Nightshift.Server.Storage;

/// <summary>
/// The retention classes the historian applies, read live from the plant files: the built-in classes
/// (<see cref="RetentionOptions.BuiltInClasses"/>), and each tenant's own <c>retention:</c> classes under the key
/// <c>{tenant}/{class}</c>, which override a built-in class of the same name for that tenant only. Thread-safe (reads
/// the catalog's current plant models).
/// </summary>
public sealed class RetentionClassDictionary(PlantCatalog catalog) : IReadOnlyDictionary<string, RetentionPolicy>
{
    /// <summary>The class key of a series: its tag's class, qualified by its tenant when the tenant's plant file defines it.</summary>
    public string? ClassOf(SeriesInfo series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var tagClass = catalog.TypeOf(series.Tenant, series.Path.Asset)?.FindTag(series.Path.Tag)?.TagClass;
        return tagClass is not null && catalog.GetConfigured(series.Tenant)?.Retention.ContainsKey(tagClass) == true
            ? series.Tenant + "/" + tagClass
            : tagClass;
    }

    public RetentionPolicy this[string key] => TryGetValue(key, out var policy) ? policy : throw new KeyNotFoundException($"no retention class '{key}'");

    public IEnumerable<string> Keys => Entries().Select(e => e.Key);

    public IEnumerable<RetentionPolicy> Values => Entries().Select(e => e.Value);

    public int Count => Entries().Count();

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out RetentionPolicy value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && catalog.GetConfigured(key[..slash])?.Retention.TryGetValue(key[(slash + 1)..], out var own) == true)
        {
            value = Policy(own);
            return true;
        }

        return RetentionOptions.BuiltInClasses.TryGetValue(key, out value);
    }

    public IEnumerator<KeyValuePair<string, RetentionPolicy>> GetEnumerator() => Entries().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerable<KeyValuePair<string, RetentionPolicy>> Entries() =>
        RetentionOptions.BuiltInClasses.Concat(catalog.Tenants.SelectMany(tenant =>
            (catalog.GetConfigured(tenant)?.Retention ?? new Dictionary<string, HistoryRetention>())
                .Select(c => KeyValuePair.Create(tenant + "/" + c.Key, Policy(c.Value)))));

    private static RetentionPolicy Policy(HistoryRetention retention) =>
        new(retention.RawDays is { } raw ? TimeSpan.FromDays(raw) : null, retention.RollupDays is { } rollups ? TimeSpan.FromDays(rollups) : null);
}
