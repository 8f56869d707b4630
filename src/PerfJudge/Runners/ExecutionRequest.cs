using PerfJudge.Judging;

namespace PerfJudge.Runners;

/// <summary>One candidate program to judge against one task's test.</summary>
/// <param name="Program">The full candidate program.</param>
/// <param name="EntryPoint">Function the test calls.</param>
/// <param name="Test">Trusted test code defining <c>check(candidate)</c>.</param>
/// <param name="Prompt">Trusted prompt, loaded in the checker so tests can use its helpers.</param>
/// <param name="Limits">Resource limits.</param>
public sealed record ExecutionRequest(string Program, string EntryPoint, string Test, string Prompt, ExecutionLimits Limits);
