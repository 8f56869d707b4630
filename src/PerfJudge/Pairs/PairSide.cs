namespace PerfJudge.Pairs;

/// <summary>One program of a preference pair.</summary>
/// <param name="Model">Model that wrote it.</param>
/// <param name="Sample">Its index among the samples of (model, task).</param>
/// <param name="Line">Its line in the samples file.</param>
/// <param name="Verdict">Its verdict.</param>
/// <param name="Program">The full program judged.</param>
/// <param name="Cost">Its cost over the scored cases (efficiency pairs).</param>
public sealed record PairSide(string Model, int Sample, int Line, string Verdict, string Program, double? Cost);
