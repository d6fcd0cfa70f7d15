namespace Nightshift.Historian.Retention;

/// <summary>
/// Retention per tag class (<c>class:</c> of a tag in the plant file): which <see cref="RetentionPolicy"/> each class
/// follows, how often the background pass runs, and how many series one delete transaction covers. A tag without a
/// class, or with a class not listed, follows <see cref="Default"/>, which keeps everything unless configured. Immutable.
/// </summary>
public sealed record RetentionOptions
{
    /// <summary>The class of tags that name none.</summary>
    public const string DefaultClass = "default";

    /// <summary>The built-in classes: <c>fast</c> (raw 7 days, rollups 400), <c>process</c> (raw 90, rollups 1,830), <c>energy</c> (raw 400, rollups 3,660).</summary>
    public static IReadOnlyDictionary<string, RetentionPolicy> BuiltInClasses { get; } = new Dictionary<string, RetentionPolicy>(StringComparer.Ordinal)
    {
        ["fast"] = RetentionPolicy.Days(7, 400),
        ["process"] = RetentionPolicy.Days(90, 1830),
        ["energy"] = RetentionPolicy.Days(400, 3660),
    };

    /// <summary>The policy of each class by name (ordinal); the built-in classes unless set.</summary>
    public IReadOnlyDictionary<string, RetentionPolicy> Classes { get; init; } = BuiltInClasses;

    /// <summary>The policy of tags without a class or with an unknown one (default: keep everything).</summary>
    public RetentionPolicy Default { get; init; } = RetentionPolicy.Forever;

    /// <summary>How often the background pass runs (default 1 hour).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How many series one delete transaction covers (default 200): small transactions never hold up ingest or queries for long.</summary>
    public int SeriesPerTransaction { get; init; } = 200;

    /// <summary>The policy of a class (null: the default class).</summary>
    public RetentionPolicy PolicyFor(string? tagClass) =>
        tagClass is not null && Classes.TryGetValue(tagClass, out var policy) ? policy : Default;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Classes);
        ArgumentNullException.ThrowIfNull(Default);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(SeriesPerTransaction);
    }
}
