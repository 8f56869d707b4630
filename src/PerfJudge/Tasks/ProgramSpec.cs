namespace PerfJudge.Tasks;

/// <summary>A whole-program task (<c>"kind": "program"</c>, docs/suite-format.md): input on stdin,
/// output on stdout, judged by a checker, optionally scored by IOI-style subtasks.</summary>
/// <param name="Statement">The problem statement (shown to models; not used to judge).</param>
/// <param name="TimeLimitSeconds">CPU time limit per test for C++; other languages get a factor (<see cref="Languages"/>).</param>
/// <param name="MemoryMb">Memory limit per test.</param>
/// <param name="Tests">The tests, in order (subtasks refer to them by index).</param>
/// <param name="Checker">A built-in checker kind (<c>exact</c>, <c>tokens</c>, <c>float:EPS</c>, <c>lines-unordered</c>), or null when <see cref="CheckerProgram"/> is given.</param>
/// <param name="CheckerProgram">A checker program (testlib convention), or null.</param>
/// <param name="Subtasks">IOI subtasks, or empty: then the score is the share of tests passed times 100.</param>
/// <param name="References">Reference solutions (labels such as <c>fast</c>, <c>slow</c>).</param>
/// <param name="CompileOptions">Compiler options per language, replacing the defaults.</param>
/// <param name="Levels">Efficiency levels (input generator, levels), or null when the task measures no efficiency.</param>
public sealed record ProgramSpec(string Statement, double TimeLimitSeconds, int MemoryMb, IReadOnlyList<ProgramTest> Tests,
    string? Checker, ProgramSource? CheckerProgram, IReadOnlyList<Subtask> Subtasks, IReadOnlyList<ProgramSource> References,
    IReadOnlyDictionary<string, IReadOnlyList<string>> CompileOptions, ProgramLevels? Levels = null)
{
    /// <summary>Points of the whole task (the sum of the subtasks' points, else 100).</summary>
    public double MaxScore => Subtasks.Count > 0 ? Subtasks.Sum(s => s.Points) : 100;
}
