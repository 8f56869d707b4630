using PerfJudge.Judging;

namespace PerfJudge.Runners;

/// <summary>Runs one compiled program once, sandboxed like every candidate, with <paramref name="Stdin"/> on its
/// standard input and <paramref name="Files"/> in its work folder, and answers what it printed, how it ended and
/// what it cost (the HTTP judge's SandboxFusion-compatible <c>/run_code</c>). Never stored: a program may print
/// something else on the next run (time, randomness), so each request runs; its compile is cached.</summary>
/// <param name="Language">Language of the program (<c>cpp</c>, <c>csharp</c>, <c>python</c>).</param>
/// <param name="Artifact">The compiled program (base64), as <see cref="CompileReply.Artifact"/>.</param>
/// <param name="Stdin">Text on the program's standard input.</param>
/// <param name="Files">Files written into its work folder before it starts: relative path (folders are made) to base64 content.</param>
/// <param name="Limits">Limits of the run; at most <see cref="ExecutionLimits.OutputBytes"/> of stdout come back.</param>
public sealed record RunCodeRequest(string Language, string Artifact, string Stdin, IReadOnlyDictionary<string, string> Files,
    ExecutionLimits Limits) : RunRequest<RunCodeReply>(Limits)
{
    /// <inheritdoc />
    public override double HardSeconds => Limits.WallSeconds + 1 + TestRequest.GraceSeconds;

    /// <inheritdoc />
    public override RunCodeReply Failure(Verdict verdict, string detail) => new(verdict, detail, null, "", false, "", 0, 0, 0);

    /// <summary>Never kept: every request runs the program.</summary>
    public override bool Storable(RunCodeReply reply) => false;

    /// <inheritdoc />
    public bool Equals(RunCodeRequest? other) => other is not null && Language == other.Language && Artifact == other.Artifact
        && Stdin == other.Stdin && Limits == other.Limits && Files.Count == other.Files.Count
        && Files.All(f => other.Files.TryGetValue(f.Key, out var v) && v == f.Value);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Language, Artifact, Stdin, Files.Count, Limits);
}
