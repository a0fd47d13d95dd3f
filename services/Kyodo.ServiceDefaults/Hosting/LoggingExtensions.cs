using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
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
        // IHttpClientFactory's clients (the gRPC clients to other services) log four Information lines
        // per call (start and end, twice) inside a scope of their own: on a write that asks another
        // service, the most expensive thing it logged. A failed call is reported by the code that made
        // it (it becomes UNAVAILABLE with a message), so these lines say nothing an operator needs.
        builder.Services.ConfigureHttpClientDefaults(http => http.RemoveAllLoggers());
    }
}
