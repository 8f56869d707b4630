using Microsoft.Extensions.Time.Testing;
using PerfJudge.Jobs;
using PerfJudge.Judging;
using PerfJudge.Runners;
using PerfJudge.Tasks;
using PerfJudge.Tests.Jobs;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Evaluation;

/// <summary>The named efficiency protocols (docs/enamel-fidelity.md): ENAMEL's is the default on the
/// ENAMEL suite only, and an unknown name is a usage error.</summary>
public class EfficiencyProtocolTests
{
    [Fact]
    public void Enamels_protocol_is_the_default_on_the_enamel_suite_only()
    {
        Assert.Same(EfficiencyProtocol.Enamel, EfficiencyProtocol.DefaultFor("enamel"));
        Assert.Same(EfficiencyProtocol.PerfJudge, EfficiencyProtocol.DefaultFor("demo"));
        Assert.Same(EfficiencyProtocol.PerfJudge, EfficiencyProtocol.DefaultFor("humaneval"));
        Assert.Equal(new EfficiencyProtocol("enamel", true, "hodges-lehmann", false, false, true, 0.01, true, true, 6, 2.0, 18), EfficiencyProtocol.Named("ENAMEL"));
        Assert.True(EfficiencyProtocol.Enamel.ExtraRounds);
        Assert.False(EfficiencyProtocol.PerfJudge.ExtraRounds);
        Assert.Null(EfficiencyProtocol.Named("evalperf"));
    }

    [DataFact("enamel", "enamel.csv")]
    public async Task Rounds_default_to_the_protocols_six_under_enamels_and_three_under_perfjudges_unless_given()
    {
        var dir = TestData.TempDir();
        var samples = Path.Combine(dir, "samples.jsonl");
        File.WriteAllLines(samples, ["{\"task_id\": \"HumanEval/0\", \"completion\": \"    return False\\n\"}"]);
        var suite = TestData.Require("enamel", "enamel.csv");
        var resolver = new SuiteResolver(dir, dir, (_, _, _) => Task.FromResult(false));
        async Task Expect(int rounds, string? protocol, int? given, bool extra = false)
        {
            var runner = new FakeRunner();
            var options = new EvalOptions(suite, samples, [1], ExecutionLimits.Default, new EngineOptions(NoCache: true),
                Rounds: given, Protocol: protocol);
            var result = await new EvalJob(new FakeEngines(runner, new MemoryStore()), resolver, new FakeTimeProvider())
                .RunAsync(options, null, CancellationToken.None);
            Assert.Equal([rounds], runner.PerfRounds);   // what the worker was asked for
            Assert.Equal([extra], runner.PerfExtraRounds);
            Assert.Equal(rounds, result.Value!.Rounds);  // what the command reports
        }
        await Expect(6, null, null, extra: true);  // the ENAMEL suite: ENAMEL's protocol, its 6 repetitions, then extra rounds
        await Expect(3, "perfjudge", null);
        await Expect(4, null, 4);  // --rounds given: exactly that many
        await Expect(6, "enamel", 6);
    }

    [Fact]
    public void An_unknown_protocol_is_a_usage_error_naming_the_known_ones()
    {
        var options = new EvalOptions("enamel", "canonical", [1], ExecutionLimits.Default, new EngineOptions(), Protocol: "fast");
        var problem = Assert.Single(options.Validate());
        Assert.Equal("--protocol", problem.Field);
        Assert.Contains("perfjudge, enamel", problem.Message, StringComparison.Ordinal);
        Assert.Empty((options with { Protocol = "perfjudge" }).Validate());
    }
}
