using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Kyodo.ServiceDefaults;

internal static class LoggingExtensions
{
    /// <summary>
    /// JSON lines on stdout (what log collectors expect), or readable text when
    /// <c>Logging:Format</c> is "text" (local runs). Only the console's format changes:
    /// providers a host added (tests capture logs this way) stay.
    /// </summary>
    public static void AddKyodoLogging(this WebApplicationBuilder builder)
    {
        if (string.Equals(builder.Configuration["Logging:Format"], "text", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        }
        else
        {
            builder.Logging.AddJsonConsole(o => { o.IncludeScopes = true; o.TimestampFormat = "O"; o.UseUtcTimestamp = true; });
        }
    }
}
