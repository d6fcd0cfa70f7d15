namespace Nightshift.Connectivity.Sparkplug;

/// <summary>The metrics of a birth certificate, found by name or by alias. Not thread-safe: guarded by its session.</summary>
internal sealed class SparkplugMetricTable
{
    private readonly Dictionary<string, SparkplugMetricDefinition> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, SparkplugMetricDefinition> _byAlias = [];

    public int Count => _byName.Count;

    public IEnumerable<SparkplugMetricDefinition> All => _byName.Values;

    public void Clear()
    {
        _byName.Clear();
        _byAlias.Clear();
    }

    public void Add(SparkplugMetricDefinition definition)
    {
        _byName[definition.Name] = definition;
        if (definition.Alias is { } alias)
        {
            _byAlias[alias] = definition;
        }
    }

    public bool TryResolve(SparkplugMetric metric, out SparkplugMetricDefinition definition)
    {
        if (metric.Alias is { } alias && _byAlias.TryGetValue(alias, out definition!))
        {
            return true;
        }

        if (metric.Name is { } name && _byName.TryGetValue(name, out definition!))
        {
            return true;
        }

        definition = null!;
        return false;
    }

    public bool TryGet(string name, out SparkplugMetricDefinition definition) => _byName.TryGetValue(name, out definition!);
}
