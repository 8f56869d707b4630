namespace PerfJudge.Server;

/// <summary>SandboxFusion's <c>compile_result</c> / <c>run_result</c>, with PerfJudge's meters and verdict word added.</summary>
/// <param name="Status"><c>Finished</c> (the process ended, whatever its exit code) or <c>TimeLimitExceeded</c>.</param>
/// <param name="ExecutionTime">Wall seconds.</param>
/// <param name="ReturnCode">Exit code; -N when signal N ended it; null when it was killed at the time limit.</param>
/// <param name="Stdout">Standard output (of a run: at most the output limit).</param>
/// <param name="Stderr">Standard error (the first 64 KiB; of a compile: the compiler's messages).</param>
/// <param name="CpuTime">CPU seconds (user + system, kernel-metered).</param>
/// <param name="PeakMemoryKb">Peak memory in KiB (of a run).</param>
/// <param name="Verdict">PerfJudge's verdict word for the process (<c>passed</c>, <c>error</c>, <c>timeout</c>, <c>memory_limit</c>, ...).</param>
public sealed record CommandRunOutput(string Status, double ExecutionTime, int? ReturnCode, string Stdout, string Stderr,
    double CpuTime, long? PeakMemoryKb, string Verdict);
