using PerfJudge.Judging;

namespace PerfJudge.Reports;

/// <summary>Output files a command was asked to write: checked before a run (so a bad path is not
/// found after an hour of judging), and written with the failure as a diagnostic, not a stack trace.</summary>
public static class OutputPaths
{
    /// <summary>A problem for each given path that cannot be written: its directory cannot be made,
    /// it is a directory, or a file cannot be created there. Null paths are skipped.</summary>
    public static IReadOnlyList<Diagnostic> Check(params (string Option, string? Path)[] outputs)
    {
        var problems = new List<Diagnostic>();
        foreach (var (option, path) in outputs)
        {
            if (string.IsNullOrWhiteSpace(path) || path == "-")
            {
                continue;
            }
            if (Problem(path) is { } message)
            {
                problems.Add(new Diagnostic(DiagnosticKind.Environment, "output.unwritable", $"cannot write '{path}': {message}", Field: option));
            }
        }
        return problems;
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> atomically; an I/O failure
    /// comes back as a diagnostic about <paramref name="option"/>.</summary>
    public static Diagnostic? TryWrite(string option, string path, string text)
    {
        try
        {
            AtomicFile.Write(path, text);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return new Diagnostic(DiagnosticKind.Environment, "output.write", $"cannot write '{path}': {ex.Message}", Field: option);
        }
    }

    private static bool CanCreateFileIn(string dir)
    {
        try
        {
            var probe = Path.Combine(dir, $".perfjudge-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string? Problem(string path)
    {
        try
        {
            var full = Path.GetFullPath(path);
            if (Directory.Exists(full))
            {
                return "it is a directory";
            }
            var dir = Path.GetDirectoryName(full)!;
            for (var up = dir; !string.IsNullOrEmpty(up); up = Path.GetDirectoryName(up))
            {
                if (File.Exists(up))
                {
                    return $"'{up}' is a file, not a directory";
                }
                if (Directory.Exists(up))
                {
                    break;
                }
            }
            Directory.CreateDirectory(dir);
            return CanCreateFileIn(dir) ? null : $"cannot create a file in '{dir}'";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return ex.Message;
        }
    }
}
