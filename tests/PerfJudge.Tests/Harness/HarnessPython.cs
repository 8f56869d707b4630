using System.Diagnostics;
using System.Runtime.CompilerServices;
using PerfJudge.Runners.Python;
using PerfJudge.Tasks;

namespace PerfJudge.Tests.Harness;

/// <summary>Runs the resolved interpreter (as the engine resolves it) on the embedded harness
/// modules, written out as the engine writes them.</summary>
public static class HarnessPython
{
    public sealed record Outcome(int ExitCode, string Out, string Err);

    /// <summary>The harness folder the engine runs (the embedded modules, materialized).</summary>
    public static string HarnessDir() => HarnessFile.Materialize(SuiteResolver.DefaultCacheDir());

    /// <summary>This folder's <c>python</c> subfolder, where the harness's own unit tests live.</summary>
    public static string TestsDir([CallerFilePath] string callerFile = "") =>
        Path.Combine(Path.GetDirectoryName(callerFile)!, "python");

    public static async Task<Outcome> RunAsync(IEnumerable<string> args, IDictionary<string, string>? env = null)
    {
        var start = new ProcessStartInfo(PythonInterpreter.Resolve().Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in env ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new Outcome(process.ExitCode, await output, await errors);
    }
}
