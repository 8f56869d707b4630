using PerfJudge.Judging;
using PerfJudge.Runners;
using PerfJudge.Tasks;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Evaluation;

[Collection(SandboxTests.Name)]
public class EnamelSuiteTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private static TaskSuite Load() => EnamelLoader.Load(TestData.Require("enamel", "enamel.csv"));

    [DataFact("enamel", "enamel.csv")]
    public void Loads_all_164_tasks_with_the_default_protocol()
    {
        var suite = Load();
        Assert.Equal(164, suite.Tasks.Count);
        Assert.Equal(142, suite.Tasks.Count(t => t.Efficiency!.Scored));
        Assert.All(suite.Tasks, t =>
        {
            Assert.Equal([8, 4, 4, 4], t.Efficiency!.Levels.Select(l => l.Count));
            Assert.Equal([0.0, 3, 3, 4], t.Efficiency.Levels.Select(l => l.Hardness));
            Assert.Single(t.Efficiency.References);
        });
        Assert.False(suite.Tasks.Single(t => t.TaskId == "HumanEval/2").Efficiency!.Scored);
    }

    [DataFact("enamel", "enamel.csv")]
    public async Task Inputs_are_generated_for_every_level_and_every_reference_passes_its_checker()
    {
        var suite = Load();
        var limits = ExecutionLimits.WithTimeout(10) with { CpuSeconds = 60 };
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(suite.Tasks.Where(t => t.Efficiency!.Scored), new ParallelOptions { MaxDegreeOfParallelism = 2 },
            async (task, cancel) =>
            {
                var request = new PerfRequest(task.TaskId, task.Prompt, task.EntryPoint, task.Efficiency!.Generator,
                    task.Efficiency.Levels, 0, task.Efficiency.Checker, [task.Efficiency.References[0]], [], limits, 2.0, null, 1, "cpu");
                var reply = await sandbox.Runner.RunAsync(request, cancel);
                if (reply.Measurement is not { } measured)
                {
                    failures.Add($"{task.TaskId}: {reply.Detail}");
                    return;
                }
                if (measured.CaseLevels.Count != 20 || measured.CaseLevels.Distinct().Count() != 4 ||
                    measured.References[0].Times.Any(t => t is null))
                {
                    failures.Add($"{task.TaskId}: expected 20 measured cases on 4 levels");
                }
            });
        Assert.Empty(failures);
    }
}
