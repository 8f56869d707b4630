namespace PerfJudge.Tasks;

/// <summary>What makes a task an efficiency task: inputs per level (from an input generator or
/// written literally), a checker comparing outputs, and reference solutions measured on the same
/// machine in the same run.</summary>
/// <param name="Generator">Python source defining <c>generate_input(size, lid, cid)</c>; empty when every level carries literal inputs.</param>
/// <param name="Levels">Levels in order; level 0 usually checks correctness only (hardness 0).</param>
/// <param name="Checker">Python source defining <c>__check(input, answer, output) -&gt; bool</c>.</param>
/// <param name="References">Full reference programs; the first one's outputs are the expected answers.</param>
/// <param name="Scored">False for tasks the protocol leaves out (ENAMEL: constant-time references).</param>
/// <param name="LimitReferences">How many references, from the first, set the time limits (null: all).
/// A suite that lists deliberately slow references for DPS levels (e.g. written by
/// <c>perfjudge stress</c>) limits samples by its fast ones only.</param>
public sealed record EfficiencySpec(string Generator, IReadOnlyList<EfficiencyLevel> Levels, string Checker,
    IReadOnlyList<string> References, bool Scored, int? LimitReferences = null);

/// <summary>One level: input size, number of test cases, hardness weight, and optionally the
/// literal inputs of its cases (Python literals of argument tuples), which then replace the generator.</summary>
public sealed record EfficiencyLevel(long Size, int Count, double Hardness, IReadOnlyList<string>? Inputs = null);
