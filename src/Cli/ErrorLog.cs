using Microsoft.Extensions.Logging;

namespace KtvRec.Cli;

/// <summary>
/// What the training does (its stages and their memory, EASE's λ, each epoch), as the service logs it, one line each on
/// standard error: standard output carries only the result.
/// </summary>
internal sealed class ErrorLog(TextWriter error) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel)) error.WriteLine($"{DateTime.Now:HH:mm:ss} {formatter(state, exception)}");
    }
}
