using PerfJudge.Judging;

namespace PerfJudge.Stress;

/// <summary>Parameters of <c>perfjudge stress</c> (docs/stress.md).</summary>
/// <param name="Budget">Cost the costliest reference may reach on one input, in the meter's unit.</param>
/// <param name="Meter">Cost meter (callgrind, cpu, wall, task-clock, instructions).</param>
/// <param name="Seed">Seed of every random choice (generators and mutations), combined with the task id.</param>
/// <param name="Rounds">Repetitions per measured input in fresh processes (median).</param>
/// <param name="Candidates">Candidate inputs made at the chosen scale (or kept from fuzzing).</param>
/// <param name="Keep">Inputs kept per task: those with the largest cost ratio between references.</param>
/// <param name="MinScale">First scale of the search.</param>
/// <param name="MaxScale">Largest scale tried (a cap).</param>
/// <param name="BisectSteps">Geometric bisection steps after the doubling phase.</param>
/// <param name="MaxInputBytes">Largest input, as the length of its Python literal (a cap).</param>
/// <param name="GeneratorTimeout">Seconds one generator call may take.</param>
/// <param name="FuzzProbeScale">Tasks without a generator: the scale at which the mutation recipes of
/// the test inputs are compared (pj_fuzz).</param>
/// <param name="Limits">Limits of each reference process (time per input, memory).</param>
/// <param name="Hardness">Hardness weight of the written level.</param>
public sealed record StressOptions(double Budget, string Meter, int Seed, int Rounds, int Candidates, int Keep,
    long MinScale, long MaxScale, int BisectSteps, long MaxInputBytes, double GeneratorTimeout,
    long FuzzProbeScale, ExecutionLimits Limits, double Hardness = 3)
{
    /// <summary>The budget when none is given: 0.1 s on timed meters; 3e8 hardware instructions (about
    /// 0.1 s); 3e7 instructions under callgrind (about 10 ms of native CPU for Python code here, and
    /// ~1 s under valgrind, which is what makes a search of all of HumanEval+ affordable).</summary>
    public static double DefaultBudget(string meter) => meter switch
    {
        "instructions" => 3e8,
        "callgrind" => 3e7,
        _ => 0.1,
    };

    /// <summary>Returns every problem with these options (empty when valid).</summary>
    public IReadOnlyList<Diagnostic> Validate()
    {
        var errors = new List<Diagnostic>(Limits.Validate().Select(p => Diagnostic.Usage(p.StartsWith("memory", StringComparison.Ordinal) ? "--memory-mb" : "--timeout", p)));
        if (Rounds is < 1 or > 50) errors.Add(Diagnostic.Usage("--rounds", "must be between 1 and 50"));
        if (Candidates is < 1 or > 1000) errors.Add(Diagnostic.Usage("--candidates", "must be between 1 and 1000"));
        if (Keep < 1 || Keep > Candidates) errors.Add(Diagnostic.Usage("--keep", "must be between 1 and --candidates"));
        if (MinScale < 1 || MaxScale < MinScale) errors.Add(Diagnostic.Usage("--min-scale/--max-scale", "need 1 <= --min-scale <= --max-scale"));
        if (BisectSteps is < 0 or > 20) errors.Add(Diagnostic.Usage("--bisect-steps", "must be between 0 and 20"));
        if (MaxInputBytes < 16) errors.Add(Diagnostic.Usage("--max-input-bytes", "must be at least 16"));
        if (!(GeneratorTimeout > 0 && GeneratorTimeout <= 600)) errors.Add(Diagnostic.Usage("--generator-timeout", "must be in (0, 600] seconds"));
        if (FuzzProbeScale < 1) errors.Add(Diagnostic.Usage("--fuzz-probe-scale", "must be at least 1"));
        return errors;
    }
}
