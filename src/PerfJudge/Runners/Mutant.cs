namespace PerfJudge.Runners;

/// <summary>One mutant.</summary>
/// <param name="Line">Line of the mutated site in the reference program.</param>
/// <param name="Mutation">What changed, e.g. <c>&lt; -&gt; &lt;=</c>.</param>
/// <param name="Program">The mutant's full program.</param>
public sealed record Mutant(int Line, string Mutation, string Program);
