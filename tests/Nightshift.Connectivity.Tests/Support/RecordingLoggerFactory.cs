using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Nightshift.Connectivity.Tests.Support;

/// <summary>A logger factory that keeps warnings and errors, so that a test can fail when the server logged an error.</summary>
public sealed class RecordingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, EventId EventId, string Message, Exception? Exception)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Category, EventId EventId, string Message, Exception? Exception)> Entries => _entries.ToArray();

    public IEnumerable<string> Errors => _entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Category}: {e.Message} {e.Exception}");

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public ILogger<T> CreateLogger<T>() => new Recorder<T>(this);

    public void Dispose()
    {
    }

    private sealed class Recorder<T>(RecordingLoggerFactory owner) : Recorder(owner, typeof(T).Name), ILogger<T>;

    private class Recorder(RecordingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner._entries.Enqueue((logLevel, category, eventId, formatter(state, exception), exception));
            }
        }
    }
}
