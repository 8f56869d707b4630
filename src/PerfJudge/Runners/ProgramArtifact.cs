using PerfJudge.Judging;

namespace PerfJudge.Runners;

/// <summary>A compiled program and the limits of each of its runs.</summary>
/// <param name="Language">Its language.</param>
/// <param name="Artifact">The compiled program (base64), as <see cref="CompileReply.Artifact"/>.</param>
/// <param name="Limits">Limits of one run (per case; a level's time limit may lower the CPU and wall limits).</param>
public sealed record ProgramArtifact(string Language, string Artifact, ExecutionLimits Limits);
