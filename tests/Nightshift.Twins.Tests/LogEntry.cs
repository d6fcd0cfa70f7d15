using Microsoft.Extensions.Logging;

namespace Nightshift.Twins.Tests;

/// <summary>One log entry as recorded by <see cref="RecordingLoggerProvider"/>.</summary>
public sealed record LogEntry(LogLevel Level, string Category, EventId Id, string Message, Exception? Exception)
{
    public override string ToString() => $"{Level} {Category}[{Id.Id}]: {Message} {Exception}";
}
