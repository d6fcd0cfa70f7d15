using Nightshift.Core.Assets;
using Nightshift.Core.Samples;
using Nightshift.Server.Live;
using Nightshift.Twins.Equipment;

namespace Nightshift.Server.Components.Live;

/// <summary>
/// The live view of one equipment: the latest value of each tag, its state and whether it is online. Filled from a
/// twin snapshot and kept current by <see cref="LiveUpdate"/>s. Updates arrive on ingest threads while the UI reads
/// on its renderer; every member takes a short lock, so the class is thread-safe.
/// </summary>
public sealed class LiveEquipment
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LiveTagValue> _tags = new(StringComparer.Ordinal);
    private string? _state;
    private DateTime _stateSince;
    private bool _online;
    private bool _hasData;
    private long _samples;
    private bool _stateFromLive;
    private bool _onlineFromLive;

    /// <summary>How far back the tile's sparkline reaches.</summary>
    public static TimeSpan SparkWindow { get; } = TimeSpan.FromMinutes(10);

    public LiveEquipment(AssetNode node, AssetType? type)
    {
        ArgumentNullException.ThrowIfNull(node);
        Node = node;
        Type = type;
        KeyTags = ChooseKeyTags(type);
        SparkTag = KeyTags.FirstOrDefault(t => t.DataType is TagDataType.Double or TagDataType.Long);
    }

    public AssetNode Node { get; }

    public AssetType? Type { get; }

    /// <summary>The path of the equipment, e.g. <c>stuttgart/press-shop/press-line/cell-1/press-1</c>.</summary>
    public string Path => Node.Path.Value;

    public StateModel StateModel => Type?.StateModel ?? StateModel.Machine;

    /// <summary>The tags shown on the equipment's tile: its key tags, or its first numeric tags when none is marked key (at most 4).</summary>
    public IReadOnlyList<TagDefinition> KeyTags { get; }

    /// <summary>The numeric key tag whose recent course the tile draws, or null.</summary>
    public TagDefinition? SparkTag { get; }

    /// <summary>The recent values of <see cref="SparkTag"/>.</summary>
    public Sparkline Spark { get; } = new(SparkWindow);

    public EquipmentStatus Status
    {
        get
        {
            lock (_gate)
            {
                return new EquipmentStatus(_state, _stateSince, _online, _hasData, _samples);
            }
        }
    }

    /// <summary>The latest value of a tag, or null when none arrived yet.</summary>
    public LiveTagValue? Tag(string name)
    {
        lock (_gate)
        {
            return _tags.GetValueOrDefault(name);
        }
    }

    /// <summary>The names of every tag: those of the type in its order, then the others that reported values, by name.</summary>
    public IReadOnlyList<string> TagNames()
    {
        var names = new List<string>();
        if (Type is not null)
        {
            names.AddRange(Type.Tags.Select(t => t.Name));
        }

        lock (_gate)
        {
            names.AddRange(_tags.Keys.Where(k => Type?.FindTag(k) is null).Order(StringComparer.Ordinal));
        }

        return names;
    }

    /// <summary>Takes what a twin snapshot knows, keeping any newer value that already arrived live.</summary>
    public void Load(EquipmentSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_gate)
        {
            foreach (var (name, value) in snapshot.Tags)
            {
                if (!_tags.TryGetValue(name, out var existing) || existing.Timestamp < value.Timestamp)
                {
                    _tags[name] = ToLive(name, value);
                    if (IsSpark(name) && new Quality(value.Quality).IsGood)
                    {
                        Spark.Add(value.Timestamp, value.Number);
                    }
                }
            }

            if (!_stateFromLive)
            {
                _state = snapshot.State;
                _stateSince = snapshot.StateSince;
            }

            if (!_onlineFromLive)
            {
                _online = snapshot.Online;
            }

            _samples = Math.Max(_samples, snapshot.SamplesReceived);
            _hasData |= snapshot.SamplesReceived > 0 || snapshot.Tags.Count > 0 || snapshot.State is not null;
        }
    }

    /// <summary>Applies a live update of this equipment. <paramref name="nowUtc"/> dates a state change that carries no timestamp.</summary>
    public void Apply(LiveUpdate update, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (_gate)
        {
            var newest = DateTime.MinValue;
            foreach (var tag in update.Tags)
            {
                if (!_tags.TryGetValue(tag.Tag, out var existing) || existing.Timestamp <= tag.Timestamp)
                {
                    _tags[tag.Tag] = tag;
                    if (tag.Good && IsSpark(tag.Tag))
                    {
                        Spark.Add(tag.Timestamp, tag.Value switch { double d => d, long l => l, _ => double.NaN });
                    }
                }

                newest = tag.Timestamp > newest ? tag.Timestamp : newest;
            }

            _samples += update.Tags.Count;
            if (update.Tags.Count > 0)
            {
                _hasData = true;
            }

            if (update.State is { } state && !string.Equals(state, _state, StringComparison.Ordinal))
            {
                var stateTag = _tags.GetValueOrDefault(StateModel.StateTag);
                _state = state;
                _stateSince = stateTag is not null && string.Equals(stateTag.Value as string, state, StringComparison.Ordinal)
                    ? stateTag.Timestamp
                    : newest != DateTime.MinValue ? newest : nowUtc;
                _stateFromLive = true;
                _hasData = true;
            }

            if (update.Online is { } online)
            {
                _online = online;
                _onlineFromLive = true;
                _hasData = true;
            }
            else if (update.Tags.Count > 0 && !_online && update.Tags.Any(t => t.Good))
            {
                _online = true; // good data flows again; the twin reports the same
            }
        }
    }

    /// <summary>Converts a twin's tag value into the form live updates carry.</summary>
    public static LiveTagValue ToLive(string name, TagValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var quality = new Quality(value.Quality);
        object? boxed = value.Kind switch
        {
            ValueKind.Double => value.Number,
            ValueKind.Long => (long)value.Number,
            ValueKind.Bool => value.Number != 0,
            ValueKind.String => value.Text,
            _ => null,
        };
        return new LiveTagValue(name, boxed, quality.ToString(), quality.IsGood, value.Timestamp);
    }

    private bool IsSpark(string tag) => SparkTag is not null && string.Equals(SparkTag.Name, tag, StringComparison.Ordinal);

    private static List<TagDefinition> ChooseKeyTags(AssetType? type)
    {
        if (type is null)
        {
            return [];
        }

        var keys = type.Tags.Where(t => t.Key).Take(4).ToList();
        return keys.Count > 0
            ? keys
            : type.Tags.Where(t => t.DataType is TagDataType.Double or TagDataType.Long && !string.Equals(t.Name, type.StateModel.StateTag, StringComparison.Ordinal)).Take(3).ToList();
    }
}
