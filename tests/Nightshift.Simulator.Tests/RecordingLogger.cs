using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Nightshift.Simulator.Tests;

/// <summary>A logger that appends its entries to a shared queue.</summary>
internal sealed class RecordingLogger(string category, ConcurrentQueue<(string Category, LogLevel Level, EventId EventId, string Message)> entries) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        entries.Enqueue((category, logLevel, eventId, formatter(state, exception) + (exception is null ? string.Empty : " " + exception)));
}
