using PerfJudge.Jobs;
using PerfJudge.Judging;
using PerfJudge.Runners;

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
        Assert.Equal(new EfficiencyProtocol("enamel", true, "hodges-lehmann", false, false, true, 0.01, true, true), EfficiencyProtocol.Named("ENAMEL"));
        Assert.Null(EfficiencyProtocol.Named("evalperf"));
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
