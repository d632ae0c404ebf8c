using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace KtvRec.Api.Retraining;

/// <summary>
/// Hangfire's log provider is process-wide. Where several hosts share a process (the tests, a multi-node test), one
/// host's disposed logger factory must not break the others: such a logger falls back to logging nothing.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(loggerFactory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
