using Spectre.Console;

namespace PerfJudge.Cli;

/// <summary>Entry point of the <c>perfjudge</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line; exit codes: 0 done, 1 input or environment problem, 2 usage.</summary>
    public static Task<int> Main(string[] args)
    {
        if (Console.IsOutputRedirected)
        {
            // Logs and CI: no terminal width to fit, so keep table rows on one line, unless COLUMNS
            // says how wide the reader is (`COLUMNS=80 perfjudge eval | less`).
            AnsiConsole.Profile.Width = ConsoleWidth.ForRedirected(Environment.GetEnvironmentVariable("COLUMNS"));
        }
        return Cli.RunAsync(args, AnsiConsole.Console, Console.Error, CancellationToken.None);
    }
}
