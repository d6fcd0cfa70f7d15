namespace Nightshift.Historian.Wal;

/// <summary>A segment file of the log: the position of its first record and its full path. Immutable.</summary>
internal readonly record struct WalSegmentFile(long Base, string Path);
