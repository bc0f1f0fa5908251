using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FastProcedures.IntegrationTests.Concurrency;

/// <summary>Keeps every log entry of a host, to check at which level failures are logged.</summary>
public sealed class LogCollector : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Collecting(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Collecting(LogCollector owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue((logLevel, category, formatter(state, exception) + (exception is null ? "" : " " + exception.GetType().Name)));
    }
}
