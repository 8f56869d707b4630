namespace PerfJudge.Tasks;

/// <summary>Efficiency levels of a whole-program task (docs/suite-format.md, "Levels of program tasks"):
/// the stdin of each case comes from an input generator or is written literally, each case's expected
/// output is the first reference's stdout, and references and samples are measured on them in one run.</summary>
/// <param name="Generator">Python source defining <c>generate_input(size, lid, cid) -&gt; str</c> (the case's stdin);
/// empty when every level carries literal inputs.</param>
/// <param name="Levels">Levels in order: size, count, hardness, or literal stdin texts as <see cref="EfficiencyLevel.Inputs"/>.</param>
/// <param name="References">Indices into the task's references of those measured on the levels, in order (field
/// <c>level_references</c>; default: all): the first one's outputs are the expected outputs.</param>
/// <param name="LimitReferences">How many of <paramref name="References"/>, from the first, set the time limits (null: all).</param>
public sealed record ProgramLevels(string Generator, IReadOnlyList<EfficiencyLevel> Levels, IReadOnlyList<int> References, int? LimitReferences);
