using System.Buffers.Binary;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Nightshift.Core.Samples;
using Nightshift.Core.Series;

namespace Nightshift.Historian.Wal;

/// <summary>Replay on open: segments in order, up to the first torn or corrupt record.</summary>
public sealed partial class WriteAheadLog
{
    private const string DiscardedSuffix = ".discarded";

    private static async Task<(WalReplayResult Result, List<WalSegmentFile> Kept)> ReplayAsync(
        string folder,
        SeriesRegistry series,
        Func<SampleBatch, CancellationToken, ValueTask> replay,
        ILogger logger,
        WalMetrics metrics,
        CancellationToken ct)
    {
        var checkpoint = await ReadCheckpointAsync(folder, ct).ConfigureAwait(false);
        if (checkpoint is null)
        {
            WalLog.CheckpointUnreadable(logger, Path.Combine(folder, CheckpointFileName));
        }

        var replayAfter = checkpoint ?? 0;
        var segments = ListSegments(folder);
        var kept = new List<WalSegmentFile>();
        long records = 0, points = 0, skipped = 0, truncated = 0;
        string? problem = null;
        long? expected = null;
        var index = 0;
        for (; index < segments.Count && problem is null; index++)
        {
            var segment = segments[index];
            if (expected is { } previousEnd && segment.Base != previousEnd)
            {
                WalLog.SegmentGap(logger, segment.Path, segment.Base, previousEnd);
                problem = $"a gap: segment {Path.GetFileName(segment.Path)} starts at {segment.Base}, the previous one ended at {previousEnd}";
                break;
            }

            var bytes = await File.ReadAllBytesAsync(segment.Path, ct).ConfigureAwait(false);
            var offset = SegmentHeaderSize;
            string? bad = null;
            if (bytes.Length < SegmentHeaderSize || !bytes.AsSpan(0, 8).SequenceEqual(Magic) || BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8)) != segment.Base)
            {
                bad = "a bad segment header";
                offset = 0;
            }

            while (bad is null && offset < bytes.Length)
            {
                var length = WalRecordCodec.Validate(bytes.AsSpan(offset), out var why);
                if (length == 0)
                {
                    bad = why;
                    break;
                }

                var recordEnd = segment.Base + (offset + length - SegmentHeaderSize);
                var payload = new ReadOnlyMemory<byte>(bytes, offset + WalRecordCodec.HeaderSize, length - WalRecordCodec.HeaderSize);
                try
                {
                    if (recordEnd <= replayAfter)
                    {
                        skipped++;
                    }
                    else if (payload.Span[0] == WalRecordCodec.DefinitionsType)
                    {
                        LoadDefinitions(series, WalRecordCodec.DecodeDefinitions(payload.Span), logger);
                        records++;
                    }
                    else
                    {
                        var batch = WalRecordCodec.DecodeBatch(payload.Span);
                        await replay(batch, ct).ConfigureAwait(false);
                        records++;
                        points += batch.Count;
                    }
                }
                catch (InvalidDataException ex)
                {
                    bad = "a malformed record (" + ex.Message + ")";
                    break;
                }

                offset += length;
            }

            if (bad is null)
            {
                expected = segment.Base + (bytes.Length - SegmentHeaderSize);
                KeepOrDelete(segment, bytes.Length, kept);
                continue;
            }

            problem = bad;
            truncated = bytes.Length - offset;
            WalLog.CorruptTail(logger, segment.Path, bad, offset, truncated);
            metrics.CorruptTails.Add(1);
            expected = segment.Base + Math.Max(0, offset - SegmentHeaderSize);
            if (offset > SegmentHeaderSize)
            {
                var stream = new FileStream(segment.Path, FileMode.Open, FileAccess.Write, FileShare.None, bufferSize: 0);
                await using (stream.ConfigureAwait(false))
                {
                    stream.SetLength(offset);
                    stream.Flush(flushToDisk: true);
                }
            }

            KeepOrDelete(segment, offset, kept);
        }

        var discarded = 0;
        for (; index < segments.Count; index++)
        {
            File.Move(segments[index].Path, segments[index].Path + DiscardedSuffix, overwrite: true);
            if (discarded++ == 0)
            {
                WalLog.SegmentsDiscarded(logger, segments.Count - index, segments[index].Path);
            }
        }

        var end = expected ?? replayAfter;
        if (end < replayAfter)
        {
            // The log ends before the checkpoint (its tail was lost): everything left is stored already.
            foreach (var segment in kept)
            {
                File.Delete(segment.Path);
            }

            kept.Clear();
            end = replayAfter;
        }

        metrics.ReplayedPoints.Add(points);
        return (new WalReplayResult(segments.Count, records, points, skipped, end, problem, truncated, discarded), kept);
    }

    /// <summary>Keeps a segment with records; deletes one without (its name would be taken by the next segment).</summary>
    private static void KeepOrDelete(WalSegmentFile segment, long validLength, List<WalSegmentFile> kept)
    {
        if (validLength > SegmentHeaderSize)
        {
            kept.Add(segment);
        }
        else
        {
            File.Delete(segment.Path);
        }
    }

    private static List<WalSegmentFile> ListSegments(string folder)
    {
        var result = new List<WalSegmentFile>();
        foreach (var path in Directory.EnumerateFiles(folder, "*" + SegmentExtension))
        {
            var name = Path.GetFileName(path);
            if (name.EndsWith(SegmentExtension, StringComparison.Ordinal)
                && long.TryParse(name.AsSpan(0, name.Length - SegmentExtension.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var position))
            {
                result.Add(new WalSegmentFile(position, path));
            }
        }

        result.Sort((a, b) => a.Base.CompareTo(b.Base));
        return result;
    }

    /// <summary>Adds replayed series definitions to the registry; one that contradicts the catalog is logged and skipped.</summary>
    private static void LoadDefinitions(SeriesRegistry series, IReadOnlyList<SeriesInfo> definitions, ILogger logger)
    {
        foreach (var info in definitions)
        {
            if (series.TryGet(info.Id, out var known))
            {
                if (known.Tenant != info.Tenant || known.Path != info.Path)
                {
                    WalLog.DefinitionConflict(logger, info.Id.Value, info.Tenant, info.Path.ToString());
                }

                continue;
            }

            if (series.TryGet(info.Tenant, info.Path, out _))
            {
                WalLog.DefinitionConflict(logger, info.Id.Value, info.Tenant, info.Path.ToString());
                continue;
            }

            series.Load([info]);
        }
    }
}
