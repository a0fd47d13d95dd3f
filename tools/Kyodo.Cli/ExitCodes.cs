namespace Kyodo.Cli;

/// <summary>Exit codes as BSD sysexits.h defines them, so scripts can tell a bad file from a down service.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Anything else: an unexpected answer or failure.</summary>
    public const int Failure = 1;
    /// <summary>The command line is wrong (unknown command, missing or bad option).</summary>
    public const int Usage = 2;
    /// <summary>EX_DATAERR: the input data is wrong (a seed file, or a service refused the data).</summary>
    public const int DataError = 65;
    /// <summary>
    /// EX_UNAVAILABLE: the gateway or a service behind it cannot be reached or is not ready, or the
    /// gateway's rate limit still refused after the retries allowed.
    /// </summary>
    public const int Unavailable = 69;
    /// <summary>EX_NOPERM: the token was refused (missing, expired, badly signed) or does not allow the call.</summary>
    public const int NoPermission = 77;
}

/// <summary>A wrong command line: printed with the command's usage, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>Input data that is wrong (already reported line by line): exit code 65.</summary>
internal sealed class DataException(string message) : Exception(message);
