using PerfJudge.Runners;
using PerfJudge.Tasks;

namespace PerfJudge.Jobs;

/// <summary>What an evaluation is about to judge, and where.</summary>
/// <param name="Suite">The suite.</param>
/// <param name="Samples">Samples to judge.</param>
/// <param name="Runner">The runner they run on.</param>
/// <param name="Meter">The cost meter (efficiency suites).</param>
public sealed record EvalStart(TaskSuite Suite, int Samples, RunnerInfo Runner, string? Meter);
