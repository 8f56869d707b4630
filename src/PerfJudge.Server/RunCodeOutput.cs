namespace PerfJudge.Server;

/// <summary>The answer of <c>POST /run_code</c>: SandboxFusion's response, with the isolation level added.</summary>
/// <param name="Status"><c>Success</c> (compiled, ran, exit 0), <c>Failed</c> (compile error, or the run did not exit 0 within its
/// limits) or <c>SandboxError</c> (the judge's own failure, never the program's).</param>
/// <param name="Message">Why, when not a success (PerfJudge's detail); else empty.</param>
/// <param name="CompileResult">The compile (null for Python, which has none).</param>
/// <param name="RunResult">The run (null when it did not compile).</param>
/// <param name="Files">Fetched files: always empty (fetch_files is not supported).</param>
/// <param name="Isolation">Isolation level the program ran under.</param>
public sealed record RunCodeOutput(string Status, string Message, CommandRunOutput? CompileResult, CommandRunOutput? RunResult,
    IReadOnlyDictionary<string, string> Files, string Isolation);
