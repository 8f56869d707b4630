using PerfJudge.Judging;
using PerfJudge.Runners;
using PerfJudge.Runners.Native;
using PerfJudge.Tasks;

namespace PerfJudge.Server;

/// <summary>SandboxFusion's <c>run_code</c> on the engine's runner: compile once (cached by content through
/// <see cref="CompileRequest"/>), then one sandboxed run of the program (<see cref="RunCodeRequest"/>).</summary>
public sealed class CodeRunService(IRunner runner)
{
    /// <summary>Memory limit when the request gives -1 (SandboxFusion's default, "no limit").</summary>
    public const int DefaultMemoryMb = 1024;

    /// <summary>Largest memory limit a request may ask for.</summary>
    public const int MaxMemoryMb = 16384;

    /// <summary>Most stdout bytes answered; beyond it the run is <c>output_limit</c>.</summary>
    public const long OutputBytes = 8L << 20;

    /// <summary>Checks a request before it is queued: the client error to answer, or null.</summary>
    public static string? Check(RunCodeInput input)
    {
        if (string.IsNullOrEmpty(input.Code))
        {
            return "field 'code' is required";
        }
        if (Languages.Normalize(input.Language) is null)
        {
            return $"language '{input.Language}' is not run here; /run_code runs {string.Join(", ", Languages.All)}";
        }
        if (!(input.CompileTimeout > 0 && input.CompileTimeout <= 600) || !(input.RunTimeout > 0 && input.RunTimeout <= 600))
        {
            return "compile_timeout and run_timeout must be in (0, 600] seconds";
        }
        if (input.MemoryLimitMb != -1 && input.MemoryLimitMb is < 64 or > MaxMemoryMb)
        {
            return $"memory_limit_MB must be -1 (the default, {DefaultMemoryMb}) or between 64 and {MaxMemoryMb}";
        }
        if (input.FetchFiles is { Count: > 0 })
        {
            return "fetch_files is not supported here; send an empty list";
        }
        foreach (var (path, content) in input.Files ?? [])
        {
            if (path.Length is 0 or > 1024 || path.StartsWith('/') || path.Contains('\0', StringComparison.Ordinal)
                || path.Split('/').Any(p => p is "" or "." or ".."))
            {
                return $"files: '{path}' is not a relative path inside the work folder (no leading '/', no '.', '..' or empty parts)";
            }
            if (content is not null && !IsBase64(content))
            {
                return $"files: the content of '{path}' is not base64";
            }
            if (input.Files!.Keys.FirstOrDefault(other => other.StartsWith(path + "/", StringComparison.Ordinal)) is { } inside)
            {
                return $"files: '{path}' is a file and also the folder of '{inside}'";
            }
        }
        return null;
    }

    /// <summary>Compiles and runs one checked request.</summary>
    public async Task<RunCodeOutput> RunAsync(RunCodeInput input, CancellationToken cancel)
    {
        var language = Languages.Normalize(input.Language)!;
        var compileLimits = Toolchain.CompileLimits with { WallSeconds = input.CompileTimeout, CpuSeconds = input.CompileTimeout };
        var compiled = await runner.RunAsync(new CompileRequest(language, input.Code!, [], Toolchain.Identity(language), compileLimits), cancel);
        var isolation = runner.Info.Isolation;
        CommandRunOutput? compile = language == "python" ? null : Compile(compiled);
        if (compiled.Verdict == Verdict.SandboxError)
        {
            return new RunCodeOutput("SandboxError", compiled.Detail ?? "the compiler could not be run", null, null, Empty, isolation);
        }
        if (compiled.Verdict != Verdict.Passed)
        {
            return new RunCodeOutput("Failed", compiled.Detail ?? "compile error", compile, null, Empty, isolation);
        }
        var memory = (long)(input.MemoryLimitMb == -1 ? DefaultMemoryMb : input.MemoryLimitMb) << 20;
        var limits = new ExecutionLimits(input.RunTimeout, input.RunTimeout, memory, 2 * OutputBytes, OutputBytes, ExecutionLimits.Default.Processes);
        var files = (input.Files ?? []).Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value!, StringComparer.Ordinal);
        var run = await runner.RunAsync(new RunCodeRequest(language, compiled.Artifact!, input.Stdin ?? "", files, limits), cancel);
        if (run.Verdict == Verdict.SandboxError)
        {
            return new RunCodeOutput("SandboxError", run.Detail ?? "the program could not be run", compile, null, Empty, isolation);
        }
        var result = new CommandRunOutput(run.Verdict == Verdict.Timeout ? "TimeLimitExceeded" : "Finished", run.WallSeconds, run.ExitCode,
            run.Stdout, run.Stderr, run.CpuSeconds, run.PeakMemoryKb, VerdictNames.Name(run.Verdict));
        return run.Verdict == Verdict.Passed
            ? new RunCodeOutput("Success", "", compile, result, Empty, isolation)
            : new RunCodeOutput("Failed", run.Detail ?? VerdictNames.Name(run.Verdict), compile, result, Empty, isolation);
    }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    private static CommandRunOutput Compile(CompileReply reply)
    {
        // The harness words a compiler stopped at its time limit as "compilation took too long" (pj_program.compile_source).
        var timedOut = reply.Verdict == Verdict.CompileError && (reply.Detail ?? "").StartsWith("compilation took too long", StringComparison.Ordinal);
        return new CommandRunOutput(timedOut ? "TimeLimitExceeded" : "Finished", reply.CompileSeconds,
            timedOut ? null : reply.Verdict == Verdict.Passed ? 0 : 1, "", reply.Detail ?? "", reply.CpuSeconds, null, VerdictNames.Name(reply.Verdict));
    }

    private static bool IsBase64(string text)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out _);
    }
}
