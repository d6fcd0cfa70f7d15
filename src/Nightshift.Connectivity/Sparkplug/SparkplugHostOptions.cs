namespace Nightshift.Connectivity.Sparkplug;

/// <summary>
/// Options of the <see cref="SparkplugHostApplication"/>: its host id (the STATE topic), the least time between two
/// rebirth requests to one edge node, and how often changed sequence numbers are written to the session store.
/// </summary>
public sealed record SparkplugHostOptions(string HostId)
{
    /// <summary>At most one rebirth request per edge node within this interval. Default 5 s.</summary>
    public TimeSpan RebirthInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often sessions whose seq moved are saved (write-behind). Default 5 s.</summary>
    public TimeSpan SequenceSaveInterval { get; init; } = TimeSpan.FromSeconds(5);
}
