using PerfJudge.Tasks;

namespace PerfJudge.Server;

/// <summary>The body of <c>POST /v1/judge</c> (one element of a batch): a task of a loaded suite or
/// inline tests, and the code to judge (docs/serve.md).</summary>
public sealed record JudgeInput
{
    /// <summary>Id of a task of a loaded suite (or give <see cref="Tests"/>).</summary>
    public string? TaskId { get; init; }

    /// <summary>Inline tests: Python defining <c>check(candidate)</c> (with <see cref="EntryPoint"/>).</summary>
    public string? Tests { get; init; }

    /// <summary>Inline program tests: stdin and expected stdout of a whole program (cpp, csharp, python).</summary>
    public List<ProgramTest>? ProgramTests { get; init; }

    /// <summary>Built-in checker of <see cref="ProgramTests"/> (<c>tokens</c> by default).</summary>
    public string Checker { get; init; } = "tokens";

    /// <summary>Function the inline tests call.</summary>
    public string? EntryPoint { get; init; }

    /// <summary>Trusted prompt of inline tests (helpers the tests may use).</summary>
    public string? Prompt { get; init; }

    /// <summary>Language of the code; <c>python</c> (function tasks).</summary>
    public string Language { get; init; } = "python";

    /// <summary>The candidate: a whole program (<c>solution</c>) or a completion appended to the task's prompt.</summary>
    public string? Code { get; init; }

    /// <summary><c>solution</c> (default) or <c>completion</c>.</summary>
    public string CodeKind { get; init; } = "solution";

    /// <summary>Options.</summary>
    public JudgeInputOptions Options { get; init; } = new();
}
