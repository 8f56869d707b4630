using PerfJudge.Judging;
using PerfJudge.Runners;
using PerfJudge.Runners.Native;
using PerfJudge.Tasks;

namespace PerfJudge.Tests.Programs;

/// <summary>Compiles and judges whole programs on a real (sandboxed) runner.</summary>
internal static class ProgramRuns
{
    public static readonly ExecutionLimits TestLimits = new(10, 2, 256L << 20, 8L << 20, 8L << 20, 32);

    public static async Task<CompileReply> CompileAsync(IRunner runner, string language, string source, ExecutionLimits? limits = null,
        IReadOnlyList<string>? options = null) =>
        await runner.RunAsync(new CompileRequest(language, source, options ?? [], Toolchain.Identity(language), limits ?? Toolchain.CompileLimits),
            CancellationToken.None);

    public static async Task<ProgramReply> JudgeAsync(IRunner runner, string language, string artifact, IReadOnlyList<ProgramTest> tests,
        string? checker = "tokens", (string Language, string Artifact)? checkerProgram = null, ExecutionLimits? limits = null, int rounds = 1) =>
        await runner.RunAsync(new ProgramRequest(language, artifact, tests, checkerProgram is null ? checker : null, checkerProgram?.Language,
            checkerProgram?.Artifact, false, rounds, limits ?? TestLimits), CancellationToken.None);

    public static async Task<ProgramReply> CompileAndJudgeAsync(IRunner runner, string language, string source, IReadOnlyList<ProgramTest> tests,
        string? checker = "tokens", ExecutionLimits? limits = null)
    {
        var compiled = await CompileAsync(runner, language, source);
        if (compiled.Verdict != Verdict.Passed)
        {
            return new ProgramReply(compiled.Verdict, compiled.Detail, []);
        }
        return await JudgeAsync(runner, language, compiled.Artifact!, tests, checker, null, limits);
    }
}
