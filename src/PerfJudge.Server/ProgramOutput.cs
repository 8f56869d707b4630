namespace PerfJudge.Server;

/// <summary>A whole program's results on a program task (<c>/v1/judge</c> with a task of kind <c>program</c>).</summary>
/// <param name="Language">Language it was compiled and run as.</param>
/// <param name="TestsPassed">Tests it passed.</param>
/// <param name="Tests">Tests of the task.</param>
/// <param name="Score">IOI-style score (subtask points), out of <paramref name="MaxScore"/>.</param>
/// <param name="MaxScore">The task's full score.</param>
/// <param name="Speedup">CPU time of the task's first reference over the program's, when both passed.</param>
public sealed record ProgramOutput(string Language, int TestsPassed, int Tests, double Score, double MaxScore, double? Speedup);
