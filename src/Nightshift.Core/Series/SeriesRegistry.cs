using System.Collections.Concurrent;
using Nightshift.Core.Assets;

namespace Nightshift.Core.Series;

/// <summary>
/// Maps (tenant, tag path) to a compact <see cref="SeriesId"/> and back. Ids are dense, start at 1 and
/// are never reused. Thread-safe: lookups are lock-free, additions take a lock.
/// The registry itself is in memory; the historian persists it (<see cref="Since"/> lists what to save).
/// </summary>
public sealed class SeriesRegistry
{
    private readonly ConcurrentDictionary<(string Tenant, TagPath Path), SeriesInfo> _byPath = new();
    private readonly List<SeriesInfo> _byId = [null!];
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count - 1;
            }
        }
    }

    /// <summary>Adds series that were persisted before; their ids must be unique. Used once at start-up.</summary>
    public void Load(IEnumerable<SeriesInfo> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        lock (_gate)
        {
            foreach (var info in series.OrderBy(s => s.Id.Value))
            {
                while (_byId.Count < info.Id.Value)
                {
                    _byId.Add(null!);
                }

                if (_byId.Count == info.Id.Value)
                {
                    _byId.Add(info);
                }
                else
                {
                    _byId[info.Id.Value] = info;
                }

                _byPath[(info.Tenant, info.Path)] = info;
            }
        }
    }

    public SeriesInfo GetOrAdd(string tenant, TagPath path) => GetOrAdd(tenant, path, out _);

    public SeriesInfo GetOrAdd(string tenant, TagPath path, out bool added)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        if (_byPath.TryGetValue((tenant, path), out var found))
        {
            added = false;
            return found;
        }

        lock (_gate)
        {
            if (_byPath.TryGetValue((tenant, path), out found))
            {
                added = false;
                return found;
            }

            var info = new SeriesInfo(new SeriesId(_byId.Count), tenant, path);
            _byId.Add(info);
            _byPath[(tenant, path)] = info;
            added = true;
            return info;
        }
    }

    public bool TryGet(string tenant, TagPath path, out SeriesInfo info) =>
        _byPath.TryGetValue((tenant, path), out info!);

    public bool TryGet(SeriesId id, out SeriesInfo info)
    {
        lock (_gate)
        {
            if (id.Value > 0 && id.Value < _byId.Count && _byId[id.Value] is { } found)
            {
                info = found;
                return true;
            }
        }

        info = null!;
        return false;
    }

    /// <summary>All series with an id greater than <paramref name="lastId"/>, in id order.</summary>
    public IReadOnlyList<SeriesInfo> Since(int lastId)
    {
        lock (_gate)
        {
            var result = new List<SeriesInfo>();
            for (var i = Math.Max(lastId + 1, 1); i < _byId.Count; i++)
            {
                if (_byId[i] is { } info)
                {
                    result.Add(info);
                }
            }

            return result;
        }
    }

    /// <summary>The series of a tenant whose asset path is at or under <paramref name="under"/>.</summary>
    public IReadOnlyList<SeriesInfo> Under(string tenant, AssetPath under)
    {
        lock (_gate)
        {
            return _byId.Skip(1)
                .Where(s => s is not null && s.Tenant == tenant && s.Path.Asset.IsAtOrUnder(under))
                .ToList();
        }
    }
}
