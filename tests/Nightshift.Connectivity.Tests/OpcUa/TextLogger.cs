using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Nightshift.Connectivity.Tests.OpcUa;

/// <summary>A logger that keeps every entry (all levels) as text, to explain a failed interop test. Thread-safe.</summary>
public sealed class TextLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(LogLevel Level, string Text)> _entries = new();

    public IEnumerable<string> Errors => _entries.Where(e => e.Level >= LogLevel.Error).Select(e => e.Text);

    public string Text => string.Join("\n", _entries.Select(e => $"{e.Level}: {e.Text}"));

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue((logLevel, $"{DateTime.UtcNow:HH:mm:ss.fff} [{eventId.Id}] {formatter(state, exception)} {exception?.GetType().Name} {exception?.Message}"));
}
