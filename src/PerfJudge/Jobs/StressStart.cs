using PerfJudge.Runners;
using PerfJudge.Stress;
using PerfJudge.Tasks;

namespace PerfJudge.Jobs;

/// <summary>What a stress search is about to do, and where.</summary>
/// <param name="Suite">The suite.</param>
/// <param name="Tasks">Tasks to search.</param>
/// <param name="Search">Search options with the meter and budget resolved.</param>
/// <param name="Runner">The runner.</param>
public sealed record StressStart(TaskSuite Suite, int Tasks, StressOptions Search, RunnerInfo Runner);
