namespace PerfJudge.Cli;

/// <summary>Process exit codes of the CLI.</summary>
public static class ExitCodes
{
    /// <summary>The work was done.</summary>
    public const int Done = 0;

    /// <summary>Bad input files or an environment that cannot run the work.</summary>
    public const int InputOrEnvironment = 1;

    /// <summary>The command line itself is wrong.</summary>
    public const int Usage = 2;

    /// <summary>A bug in PerfJudge (an unexpected exception), reported in one line.</summary>
    public const int Internal = 3;
}
