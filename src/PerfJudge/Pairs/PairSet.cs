namespace PerfJudge.Pairs;

/// <summary>The pairs made from a run, and how many candidate pairs were left out, by reason.</summary>
/// <param name="Pairs">The pairs, by task, efficiency before correctness.</param>
/// <param name="Skipped">Candidate pairs left out, by reason (<c>ci_includes_1</c>, <c>below_min_ratio</c>,
/// <c>too_few_cases</c>, <c>no_case_costs</c>, <c>zero_cost</c>, <c>over_max_per_task</c>).</param>
public sealed record PairSet(IReadOnlyList<PreferencePair> Pairs, IReadOnlyDictionary<string, int> Skipped);
