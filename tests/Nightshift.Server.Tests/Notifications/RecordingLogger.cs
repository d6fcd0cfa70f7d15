using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Nightshift.Server.Tests.Notifications;

/// <summary>A logger that keeps the warnings and errors it is given, so that a test can fail on an unexpected one. Thread-safe.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyList<string> Entries => [.. _entries];

    public IReadOnlyList<string> Errors => [.. _entries.Where(e => e.StartsWith("Error", StringComparison.Ordinal) || e.StartsWith("Critical", StringComparison.Ordinal))];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (IsEnabled(logLevel))
        {
            _entries.Enqueue($"{logLevel} {eventId.Id}: {formatter(state, exception)} {exception}");
        }
    }
}
