namespace Nightshift.Cli.Commands;

/// <summary>What <c>nightshift export</c> asks the node for and where it writes. Immutable.</summary>
public sealed record ExportRequestOptions(Uri BaseUrl, string ApiKey, IReadOnlyList<string> Tags, string OutputPath)
{
    /// <summary>ISO 8601 with a zone, passed to the node as it is; null for the node's default (an hour before <see cref="To"/>).</summary>
    public string? From { get; init; }

    /// <summary>ISO 8601 with a zone; null for now.</summary>
    public string? To { get; init; }

    /// <summary><c>csv</c> or <c>parquet</c>.</summary>
    public string Format { get; init; } = "csv";

    /// <summary><c>long</c> or <c>wide</c>.</summary>
    public string Layout { get; init; } = "long";

    /// <summary>A bucket width such as <c>1m</c>, or null for raw samples.</summary>
    public string? Interval { get; init; }

    /// <summary>The path and query of the export route for these options.</summary>
    public string PathAndQuery()
    {
        var query = new List<string> { "tags=" + Uri.EscapeDataString(string.Join(',', Tags.Where(t => !t.Contains(',', StringComparison.Ordinal)))) };
        query.AddRange(Tags.Where(t => t.Contains(',', StringComparison.Ordinal)).Select(t => "tag=" + Uri.EscapeDataString(t)));
        Add("from", From);
        Add("to", To);
        Add("format", Format);
        Add("layout", Layout);
        Add("interval", Interval);
        return "/api/v1/export?" + string.Join('&', query);

        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }
    }
}
