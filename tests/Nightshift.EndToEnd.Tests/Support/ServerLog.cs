using System.Text;

namespace Nightshift.EndToEnd.Tests.Support;

/// <summary>
/// The captured standard output and error of a platform process, line by line, and the errors it logged: entries of
/// the console logger that start with <c>fail:</c> or <c>crit:</c>, each with its indented message lines.
/// Errors that a test provokes on purpose are declared with <see cref="Expect"/> and then not reported.
/// Thread-safe: lines arrive on the process's reader threads while tests read.
/// </summary>
public sealed class ServerLog
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private readonly List<string> _expected = [];
    private readonly List<(string Fragment, TaskCompletionSource<string> Seen)> _waiters = [];

    /// <summary>Every line so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Appends a line and completes the waiters whose fragment it contains.</summary>
    public void Add(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        List<TaskCompletionSource<string>>? completed = null;
        lock (_gate)
        {
            _lines.Add(line);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (line.Contains(_waiters[i].Fragment, StringComparison.Ordinal))
                {
                    (completed ??= []).Add(_waiters[i].Seen);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var waiter in completed ?? [])
        {
            waiter.TrySetResult(line);
        }
    }

    /// <summary>A task completed with the first line (already seen or to come) that contains <paramref name="fragment"/>.</summary>
    public Task<string> WaitForLineAsync(string fragment)
    {
        lock (_gate)
        {
            if (_lines.FirstOrDefault(l => l.Contains(fragment, StringComparison.Ordinal)) is { } seen)
            {
                return Task.FromResult(seen);
            }

            var waiter = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((fragment, waiter));
            return waiter.Task;
        }
    }

    /// <summary>Declares that error entries containing <paramref name="fragment"/> (category, event id or message text) are provoked on purpose.</summary>
    public void Expect(string fragment)
    {
        ArgumentException.ThrowIfNullOrEmpty(fragment);
        lock (_gate)
        {
            _expected.Add(fragment);
        }
    }

    /// <summary>The logged <c>fail:</c> and <c>crit:</c> entries that no declared fragment explains.</summary>
    public IReadOnlyList<string> UnexpectedErrors()
    {
        string[] lines;
        string[] expected;
        lock (_gate)
        {
            lines = [.. _lines];
            expected = [.. _expected];
        }

        var errors = new List<string>();
        StringBuilder? entry = null;
        foreach (var line in lines)
        {
            if (IsEntryStart(line))
            {
                Flush();
                if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
                {
                    entry = new StringBuilder(line);
                }
            }
            else if (entry is not null && line.StartsWith(' '))
            {
                entry.AppendLine().Append(line);
            }
            else
            {
                Flush();
            }
        }

        Flush();
        return errors;

        void Flush()
        {
            if (entry is not null)
            {
                var text = entry.ToString();
                if (!expected.Any(f => text.Contains(f, StringComparison.Ordinal)))
                {
                    errors.Add(text);
                }

                entry = null;
            }
        }
    }

    /// <summary>The last <paramref name="count"/> lines, for failure messages.</summary>
    public string Tail(int count = 80)
    {
        lock (_gate)
        {
            return string.Join(Environment.NewLine, _lines.Skip(Math.Max(0, _lines.Count - count)));
        }
    }

    /// <summary>Writes every line to <paramref name="path"/> (its folder is created), for looking into a failed run.</summary>
    public void SaveTo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, Lines);
    }

    private static bool IsEntryStart(string line) =>
        line.Length > 5 && line[4] == ':' && line.AsSpan(0, 4) is "trce" or "dbug" or "info" or "warn" or "fail" or "crit";
}
