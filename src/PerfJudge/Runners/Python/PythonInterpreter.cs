using System.Diagnostics;

namespace PerfJudge.Runners.Python;

/// <summary>A Python interpreter resolved once to its real binary, so that shims on PATH
/// (pyenv adds ~100 ms per start) are not paid per worker, and its install can be bound
/// read-only into the sandbox.</summary>
/// <param name="Executable">Real path of the interpreter binary.</param>
/// <param name="Version">Version string, e.g. 3.11.7.</param>
/// <param name="InstallRoots">Folders the interpreter needs (base prefix, prefix), outside /usr.</param>
public sealed record PythonInterpreter(string Executable, string Version, IReadOnlyList<string> InstallRoots)
{
    private const string Probe =
        "import os,sys;print(os.path.realpath(sys.executable));print(sys.version.split()[0]);" +
        "print(os.path.realpath(sys.base_prefix));print(os.path.realpath(sys.prefix))";

    /// <summary>Resolves <paramref name="command"/> (default: <c>$PERFJUDGE_PYTHON</c> or <c>python3</c>).</summary>
    /// <exception cref="InvalidOperationException">No usable interpreter; the message says what to do.</exception>
    public static PythonInterpreter Resolve(string? command = null)
    {
        command ??= Environment.GetEnvironmentVariable("PERFJUDGE_PYTHON") ?? "python3";
        var info = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-I", "-S", "-c", Probe })
        {
            info.ArgumentList.Add(arg);
        }
        string output;
        try
        {
            using var process = Process.Start(info)!;
            output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"'{command}' exited with {process.ExitCode}: {process.StandardError.ReadToEnd().Trim()}");
            }
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"Python interpreter '{command}' not found ({ex.Message}). Install python3 (apt-get install python3) " +
                "or set PERFJUDGE_PYTHON to its path.", ex);
        }
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length < 4)
        {
            throw new InvalidOperationException($"'{command}' did not describe itself; is it Python 3?");
        }
        var roots = new[] { lines[2], lines[3], Path.GetDirectoryName(Path.GetDirectoryName(lines[0]))! }
            .Distinct(StringComparer.Ordinal)
            .Where(r => r != "/usr" && !r.StartsWith("/usr/", StringComparison.Ordinal) && r != "/")
            .ToList();
        return new PythonInterpreter(lines[0], lines[1], roots);
    }
}
