using PerfJudge.Judging;

namespace PerfJudge.Runners;

/// <summary>Compiles one whole program inside the sandbox. Keyed by content (language, source, options,
/// toolchain, limits), so each distinct program compiles once and its artifact is replayed from the store.</summary>
/// <param name="Language"><c>cpp</c>, <c>csharp</c> or <c>python</c> (nothing to compile: the artifact is the source).</param>
/// <param name="Source">The source code.</param>
/// <param name="Options">Compiler options replacing the defaults (empty: the defaults).</param>
/// <param name="Toolchain">The compiler's identity (e.g. <c>g++ 12.2.0</c>), so a new compiler compiles afresh.</param>
/// <param name="Limits">Limits of the compiler process.</param>
public sealed record CompileRequest(string Language, string Source, IReadOnlyList<string> Options, string Toolchain, ExecutionLimits Limits)
    : RunRequest<CompileReply>(Limits)
{
    /// <inheritdoc />
    public override double HardSeconds => Limits.WallSeconds + TestRequest.GraceSeconds;

    /// <inheritdoc />
    public override bool DependsOnMachine => false;

    /// <inheritdoc />
    public override CompileReply Failure(Verdict verdict, string detail) => new(verdict, detail, null, 0, 0);

    /// <summary>A compiled program and a compile error are both kept; a runner failure is retried.</summary>
    public override bool Storable(CompileReply reply) => reply.Verdict is Verdict.Passed or Verdict.CompileError;

    /// <inheritdoc />
    public bool Equals(CompileRequest? other) => other is not null && Language == other.Language && Source == other.Source
        && Options.SequenceEqual(other.Options) && Toolchain == other.Toolchain && Limits == other.Limits;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Language, Source, Toolchain, Options.Count, Limits);
}
