using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nightshift.Core.Samples;

namespace Nightshift.Twins.Equipment;

/// <summary>Write-back: a command's value sent to the device, confirmed when the device reports it back.</summary>
public sealed partial class EquipmentGrain
{
    private const double RelativeTolerance = 1e-6;

    private readonly List<PendingWrite> _pendingWrites = [];

    public async Task<TagWriteResult> WriteTagAsync(string tag, TagValue value, TimeSpan confirmWithin)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        ArgumentNullException.ThrowIfNull(value);
        if (_writer is null)
        {
            return new TagWriteResult(TagWriteOutcome.Refused, Latest(tag), "this node has no device writer configured");
        }

        var time = ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
        var pending = new PendingWrite(tag, value);
        _pendingWrites.Add(pending);
        try
        {
            using var timeout = new CancellationTokenSource(confirmWithin, time);
            try
            {
                await _writer.WriteAsync(_tenant, _path, tag, value.ToSampleValue(), timeout.Token);
            }
            catch (TagWriteException ex)
            {
                LogWriteRefused(_logger, _tenant, _path, tag, ex.Message);
                return new TagWriteResult(TagWriteOutcome.Refused, Latest(tag), ex.Message);
            }
            catch (OperationCanceledException)
            {
                return new TagWriteResult(TagWriteOutcome.Refused, Latest(tag), $"the device's connection did not take the write within {confirmWithin.TotalSeconds:0.###} s");
            }

            if (Latest(tag) is { } current && IsConfirmation(pending, tag, current))
            {
                // The device already reports the value (written before, or a report that crossed the write).
                pending.Confirmed.TrySetResult(current);
            }

            try
            {
                var readBack = await pending.Confirmed.Task.WaitAsync(timeout.Token);
                LogWriteConfirmed(_logger, _tenant, _path, tag);
                return new TagWriteResult(TagWriteOutcome.Confirmed, readBack, null);
            }
            catch (OperationCanceledException)
            {
                LogWriteNotConfirmed(_logger, _tenant, _path, tag, confirmWithin.TotalSeconds);
                return new TagWriteResult(TagWriteOutcome.NotConfirmed, Latest(tag), null);
            }
        }
        finally
        {
            _pendingWrites.Remove(pending);
        }
    }

    private TagValue? Latest(string tag) => _state.State.Tags.GetValueOrDefault(tag);

    private void ConfirmPendingWrites(TagUpdate update)
    {
        if (_pendingWrites.Count == 0)
        {
            return;
        }

        foreach (var pending in _pendingWrites)
        {
            if (IsConfirmation(pending, update.Tag, update.Value))
            {
                pending.Confirmed.TrySetResult(update.Value);
            }
        }
    }

    private static bool IsConfirmation(PendingWrite pending, string tag, TagValue reported) =>
        string.Equals(pending.Tag, tag, StringComparison.Ordinal) && new Quality(reported.Quality).IsGood && Matches(pending.Value, reported);

    private static bool Matches(TagValue written, TagValue reported)
    {
        if (written.Kind == ValueKind.String || reported.Kind == ValueKind.String)
        {
            return written.Kind == reported.Kind && string.Equals(written.Text, reported.Text, StringComparison.Ordinal);
        }

        var difference = Math.Abs(written.Number - reported.Number);
        return difference <= RelativeTolerance * Math.Max(1, Math.Abs(written.Number));
    }

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "Write to {Tenant}/{Path}.{Tag} confirmed by read-back")]
    private static partial void LogWriteConfirmed(ILogger logger, string tenant, string path, string tag);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Warning, Message = "Write to {Tenant}/{Path}.{Tag} not confirmed within {Seconds} s")]
    private static partial void LogWriteNotConfirmed(ILogger logger, string tenant, string path, string tag, double seconds);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Warning, Message = "Write to {Tenant}/{Path}.{Tag} refused: {Reason}")]
    private static partial void LogWriteRefused(ILogger logger, string tenant, string path, string tag, string reason);

    private sealed record PendingWrite(string Tag, TagValue Value)
    {
        public TaskCompletionSource<TagValue> Confirmed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
