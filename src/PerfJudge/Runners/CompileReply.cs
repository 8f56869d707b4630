using PerfJudge.Judging;

namespace PerfJudge.Runners;

/// <summary>The result of compiling a whole program.</summary>
/// <param name="Verdict"><c>passed</c> (compiled) or <c>compile_error</c>.</param>
/// <param name="Detail">The compiler's message, trimmed (errors; warnings when it compiled).</param>
/// <param name="Artifact">The compiled program, base64 (for Python, the source), when it compiled.</param>
/// <param name="CompileSeconds">Wall time of the compiler.</param>
/// <param name="CpuSeconds">CPU time of the compiler (all its processes).</param>
public sealed record CompileReply(Verdict Verdict, string? Detail, string? Artifact, double CompileSeconds, double CpuSeconds)
    : RunReply(Verdict, Detail);
