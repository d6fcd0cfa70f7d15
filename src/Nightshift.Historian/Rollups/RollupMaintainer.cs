using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging;

namespace Nightshift.Historian.Rollups;

/// <summary>
/// Keeps the 1-minute and 1-hour rollups of a DuckDB store up to date, on its own connection and task, so that ingest
/// never waits for it. The writer marks stale minutes in <c>rollup_dirty</c> (in the transaction of the samples) and
/// calls <see cref="Nudge"/>; a round starts <c>delay</c> after the first nudge, or at once when someone waits in
/// <see cref="CatchUpAsync"/>. A failed round is logged and its work stays marked for the next one. Thread-safe.
/// </summary>
internal sealed class RollupMaintainer : IAsyncDisposable
{
    private readonly DuckDBConnection _connection;
    private readonly TimeProvider _time;
    private readonly TimeSpan _delay;
    private readonly ILogger _logger;
    private readonly Channel<TaskCompletionSource?> _requests = Channel.CreateUnbounded<TaskCompletionSource?>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    private RollupMaintainer(DuckDBConnection connection, TimeProvider time, TimeSpan delay, ILogger logger)
    {
        _connection = connection;
        _time = time;
        _delay = delay;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Opens a connection of its own and starts the maintenance task; a round runs at once for work left from before.</summary>
    public static async Task<RollupMaintainer> StartAsync(string connectionString, TimeProvider time, TimeSpan delay, ILogger logger, CancellationToken ct)
    {
        var connection = new DuckDBConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var maintainer = new RollupMaintainer(connection, time, delay, logger);
        maintainer.Nudge();
        return maintainer;
    }

    /// <summary>Says that new work was marked; a round follows within the delay.</summary>
    public void Nudge() => _requests.Writer.TryWrite(null);

    /// <summary>Completes when a round that started after the call has finished: everything marked before is rolled up.</summary>
    /// <exception cref="IOException">The round failed (it was logged; the work stays marked).</exception>
    /// <exception cref="ObjectDisposedException">The maintainer was stopped.</exception>
    public async Task CatchUpAsync(CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ObjectDisposedException.ThrowIf(!_requests.Writer.TryWrite(done), this);
        await done.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Runs a last round for what is marked, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_requests.Writer.TryComplete())
        {
            await _loop.ConfigureAwait(false);
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "A failed round is logged and reported to its waiters; the work stays marked and the next round retries it.")]
    private async Task RunAsync()
    {
        var reader = _requests.Reader;
        var waiters = new List<TaskCompletionSource>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            Drain(reader, waiters);
            if (waiters.Count == 0 && await WaitForWaiterAsync(reader).ConfigureAwait(false))
            {
                Drain(reader, waiters);
            }

            Exception? failure = null;
            try
            {
                var minutes = RunRound();
                if (minutes > 0)
                {
                    HistorianLog.RollupsRefreshed(_logger, minutes);
                }
            }
            catch (Exception ex)
            {
                HistorianLog.RollupRoundFailed(_logger, ex);
                failure = ex;
            }

            foreach (var waiter in waiters)
            {
                if (failure is null)
                {
                    waiter.TrySetResult();
                }
                else
                {
                    waiter.TrySetException(new IOException("Updating the rollups failed; see the log.", failure));
                }
            }

            waiters.Clear();
        }

        try
        {
            RunRound();
        }
        catch (Exception ex)
        {
            HistorianLog.RollupRoundFailed(_logger, ex);
        }
    }

    private static void Drain(ChannelReader<TaskCompletionSource?> reader, List<TaskCompletionSource> waiters)
    {
        while (reader.TryRead(out var request))
        {
            if (request is not null)
            {
                waiters.Add(request);
            }
        }
    }

    /// <summary>Waits up to the delay; true when a request arrived meanwhile (it may be a waiter: start at once).</summary>
    private async Task<bool> WaitForWaiterAsync(ChannelReader<TaskCompletionSource?> reader)
    {
        var until = _time.GetTimestamp();
        while (true)
        {
            var remaining = _delay - _time.GetElapsedTime(until);
            if (remaining <= TimeSpan.Zero)
            {
                return false;
            }

            using var expiry = new CancellationTokenSource(remaining, _time);
            try
            {
                if (!await reader.WaitToReadAsync(expiry.Token).ConfigureAwait(false))
                {
                    return false;
                }
            }
            catch (OperationCanceledException) when (expiry.IsCancellationRequested)
            {
                return false;
            }

            if (reader.TryPeek(out var next) && next is not null)
            {
                return true;
            }

            reader.TryRead(out _);
        }
    }

    /// <summary>One transaction: snapshot the stale minutes, recompute them and their hours, clear their marks. Returns the number of minutes.</summary>
    private long RunRound()
    {
        using var transaction = _connection.BeginTransaction();
        Execute(RollupSql.PrepareWork);
        long count;
        DateTime lo, hi;
        using (var span = _connection.CreateCommand())
        {
            span.CommandText = RollupSql.WorkSpan;
            using var reader = span.ExecuteReader();
            reader.Read();
            count = reader.GetInt64(0);
            if (count == 0)
            {
                transaction.Rollback();
                return 0;
            }

            lo = reader.GetDateTime(1);
            hi = reader.GetDateTime(2);
        }

        Execute(RollupSql.DeleteStale);
        Execute(RollupSql.ComputeMinutes, lo, hi.AddMinutes(1));
        var hourLo = lo.AddTicks(-(lo.Ticks % TimeSpan.TicksPerHour));
        var hourHi = hi.AddTicks(-(hi.Ticks % TimeSpan.TicksPerHour)).AddHours(1);
        Execute(RollupSql.ComputeHours, hourLo, hourHi);
        transaction.Commit();
        Execute(RollupSql.DropWork);
        return count;
    }

    private void Execute(string sql, DateTime? lo = null, DateTime? hi = null)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        if (lo is { } from && hi is { } to)
        {
            command.Parameters.Add(new DuckDBParameter("lo", from));
            command.Parameters.Add(new DuckDBParameter("hi", to));
        }

        command.ExecuteNonQuery();
    }
}
