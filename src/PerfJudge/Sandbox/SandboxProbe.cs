using System.Diagnostics;

namespace PerfJudge.Sandbox;

/// <summary>Finds the strongest isolation level that works on this machine, by starting the
/// interpreter under each level in turn.</summary>
public static class SandboxProbe
{
    /// <summary>Result of probing: the level chosen and why stronger ones were skipped.</summary>
    public sealed record Outcome(IsolationLevel Level, IReadOnlyList<string> Notes);

    /// <summary>Probes levels from <paramref name="strongest"/> downwards.</summary>
    public static Outcome Probe(WorkerCommand command, IsolationLevel strongest = IsolationLevel.Bubblewrap)
    {
        var notes = new List<string>();
        for (var level = strongest; level > IsolationLevel.Rlimits; level--)
        {
            var problem = TryLevel(command, level);
            if (problem is null)
            {
                return new Outcome(level, notes);
            }
            notes.Add($"{level.Name()} unavailable: {problem}");
        }
        return new Outcome(IsolationLevel.Rlimits, notes);
    }

    private static string? TryLevel(WorkerCommand command, IsolationLevel level)
    {
        if (level == IsolationLevel.Bubblewrap && WorkerCommand.Bubblewrap is null)
        {
            return "bubblewrap is not installed (apt-get install bubblewrap)";
        }
        var scratch = Path.GetTempPath();
        var info = command.Build(level, 1_000_000, scratch, ["-I", "-S", "-c", "import os;print(os.getpid())"]);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        try
        {
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(10_000))
            {
                process.Kill(entireProcessTree: true);
                return "probe timed out";
            }
            if (process.ExitCode != 0)
            {
                var text = stderr.Result.Trim();
                return $"exit {process.ExitCode}: {(text.Length > 200 ? text[..200] : text)}";
            }
            return null;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return $"{info.FileName} not found ({ex.Message})";
        }
    }
}
