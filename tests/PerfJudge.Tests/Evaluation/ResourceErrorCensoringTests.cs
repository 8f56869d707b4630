using PerfJudge.Judging;
using PerfJudge.Runners;
using PerfJudge.Tasks;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Evaluation;

/// <summary>ENAMEL's evaluator ends a level on a <c>MemoryError</c> or <c>OverflowError</c> as on a
/// timeout (the sample keeps its earlier levels and passes); PerfJudge's protocol fails the sample.
/// HumanEval/77's canonical solution raises OverflowError on ENAMEL's large levels (int too large to
/// convert to float), which is how the two protocols' pass@1 parted (docs/enamel-fidelity.md).</summary>
[Collection(SandboxTests.Name)]
public sealed class ResourceErrorCensoringTests
{
    private const string Generator = "def generate_input(size, lid, cid):\n    return (size + cid,)\n";

    // Correct on small inputs; on large ones a float conversion overflows, as HumanEval/77's does.
    private const string Overflows = "def f(n):\n    if n > 1000:\n        float(10 ** 400)\n    return n * 2\n";

    private static async Task<ProgramMeasurement> MeasureAsync(EfficiencyProtocol protocol)
    {
        await using var runner = SandboxLevels.Runner(SandboxLevels.Available[0]);
        var request = new PerfRequest("censor", "", "f", Generator,
            [new EfficiencyLevel(10, 2, 0), new EfficiencyLevel(100, 2, 3), new EfficiencyLevel(5000, 2, 3)], 0,
            "def __check(args, expected, output):\n    return output == expected\n",
            ["def f(n):\n    return n * 2\n"], [Overflows], ExecutionLimits.WithTimeout(10), 2.0, null, 1, "cpu", protocol);
        var reply = await runner.RunAsync(request, CancellationToken.None);
        Assert.True(reply.Verdict == Verdict.Passed, reply.Detail);
        return reply.Measurement!.Samples[0];
    }

    [Fact]
    public async Task Under_enamels_protocol_an_overflow_on_a_scored_level_censors_it_and_the_sample_passes()
    {
        var sample = await MeasureAsync(EfficiencyProtocol.Enamel);
        Assert.True(sample.Verdict == Verdict.Passed, sample.Verdict + " " + sample.Detail);
        Assert.Equal(2, sample.ExceededLevel);
    }

    [Fact]
    public async Task Under_perfjudges_protocol_the_same_overflow_is_an_error()
    {
        var sample = await MeasureAsync(EfficiencyProtocol.PerfJudge);
        Assert.Equal(Verdict.Error, sample.Verdict);
        Assert.Contains("OverflowError", sample.Detail, StringComparison.Ordinal);
    }
}
