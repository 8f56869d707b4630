namespace PerfJudge.Results;

/// <summary>What a row of a whole-program task adds: language, tests, IOI score, costs against the references.</summary>
/// <param name="Language"><c>cpp</c>, <c>csharp</c> or <c>python</c>.</param>
/// <param name="TestsPassed">Tests passed.</param>
/// <param name="Tests">Tests of the task.</param>
/// <param name="Score">IOI score (sum of subtask points earned; without subtasks, 100 × share of tests passed).</param>
/// <param name="MaxScore">The task's maximum score.</param>
/// <param name="Subtasks">Points earned per subtask, in the task's order (empty without subtasks).</param>
/// <param name="CompileSeconds">Wall time of the compiler (0 when replayed from the store or for Python).</param>
/// <param name="Speedup">CPU time of the task's first reference over the sample's, both summed over the tests; null unless both passed.</param>
public sealed record RowProgram(string Language, int TestsPassed, int Tests, double Score, double MaxScore,
    IReadOnlyList<double> Subtasks, double CompileSeconds, double? Speedup);
