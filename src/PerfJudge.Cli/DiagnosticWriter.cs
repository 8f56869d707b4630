using PerfJudge.Judging;

namespace PerfJudge.Cli;

/// <summary>Prints diagnostics on standard error and maps them to the exit code.</summary>
public static class DiagnosticWriter
{
    /// <summary>Writes every diagnostic, prefixed with <paramref name="prefix"/> (e.g. <c>perfjudge eval</c> for usage errors).</summary>
    public static void Write(TextWriter errors, IEnumerable<Diagnostic> diagnostics, string prefix)
    {
        foreach (var d in diagnostics)
        {
            var label = d.Kind switch
            {
                DiagnosticKind.Warning => "warning: ",
                DiagnosticKind.Note => "note: ",
                _ => "",
            };
            errors.WriteLine((d.Kind == DiagnosticKind.Usage ? prefix : "perfjudge") + ": " + label + d);
        }
    }

    /// <summary>The exit code for a job that reported <paramref name="diagnostics"/>: 2 for usage errors,
    /// 1 for input or environment errors, else 0.</summary>
    public static int ExitCode(IEnumerable<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.IsError).ToList();
        return errors.Any(d => d.Kind == DiagnosticKind.Usage) ? ExitCodes.Usage
            : errors.Count > 0 ? ExitCodes.InputOrEnvironment : ExitCodes.Done;
    }
}
