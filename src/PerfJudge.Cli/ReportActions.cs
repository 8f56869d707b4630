using System.CommandLine;
using PerfJudge.Reports;
using PerfJudge.Storage;

namespace PerfJudge.Cli;

/// <summary>The error handling the commands that read reports share: a usage problem is exit code 2,
/// an unreadable results document or models file is exit code 1, each with one clear line.</summary>
public static class ReportActions
{
    /// <summary>Sets <paramref name="action"/> as the command's action, wrapped in that handling.</summary>
    public static void Set(Command command, TextWriter errors, Func<ParseResult, int> action)
    {
        command.SetAction(parse =>
        {
            try
            {
                return action(parse);
            }
            catch (UsageException ex)
            {
                errors.WriteLine($"perfjudge {command.Name}: {ex.Message}");
                return ExitCodes.Usage;
            }
            catch (Exception ex) when (ex is ReportFormatException or ModelsFileException or StoreException or IOException)
            {
                errors.WriteLine($"perfjudge {command.Name}: {ex.Message}");
                return ExitCodes.InputOrEnvironment;
            }
        });
    }
}
