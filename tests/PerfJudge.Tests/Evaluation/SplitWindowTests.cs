using PerfJudge.Judging;
using PerfJudge.Runners;
using PerfJudge.Tasks;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Evaluation;

/// <summary>ENAMEL's protocol times the call alone: the checker reads the meter when the candidate has
/// decoded the arguments and when the call has returned (docs/measurement.md, "split window"). A
/// candidate that patches the harness to do its work while the arguments are "decoded" must still pay
/// for it: the phases around the call are charged beyond the null program's margin.</summary>
[Collection(SandboxTests.Name)]
public sealed class SplitWindowTests
{
    private const string Generator = "def generate_input(size, lid, cid):\n    return (size + cid,)\n";

    internal const string Honest = "def f(n):\n    s = 0\n    for i in range(n * 50):\n        s += i\n    return n * 2\n";

    // Does the same loop inside the harness's receive, before it announces "decoded", and returns the
    // stored answer from the call itself.
    internal const string Hider =
        "import sys\n" +
        "_m = sys.modules['pj_candidate']\n" +
        "_receive = _m.recv_marshal\n" +
        "_done = []\n" +
        "def _work(n):\n    s = 0\n    for i in range(n * 50):\n        s += i\n    return n * 2\n" +
        "def _patched(fd):\n" +
        "    msg = _receive(fd)\n" +
        "    if type(msg) is tuple and msg and msg[0] == 'call':\n" +
        "        _done.append(_work(*msg[1]))\n" +
        "    return msg\n" +
        "_m.recv_marshal = _patched\n" +
        "def f(n):\n    return _done.pop()\n";

    // One task: level 0 (2 cases, unscored) and one scored level of `count` cases of `size`.
    private static async Task<TaskMeasurement> MeasureAsync(EfficiencyProtocol protocol, string generator, int size, int count,
        IReadOnlyList<string> references, IReadOnlyList<string> samples, int rounds)
    {
        await using var runner = SandboxLevels.Runner(SandboxLevels.Available[0]);
        var request = new PerfRequest("split", "", "f", generator,
            [new EfficiencyLevel(10, 2, 0), new EfficiencyLevel(size, count, 3)], 0,
            "def __check(args, expected, output):\n    return output == expected\n",
            references, samples, ExecutionLimits.WithTimeout(10), 2.0, null, rounds, "cpu", protocol);
        var reply = await runner.RunAsync(request, CancellationToken.None);
        Assert.True(reply.Verdict == Verdict.Passed, reply.Detail);
        return reply.Measurement!;
    }

    private static double Slowest(ProgramMeasurement m) => m.Times.Skip(2).Max(t => t ?? 0);

    [Fact]
    public async Task Work_hidden_before_the_call_window_is_still_charged()
    {
        var m = await MeasureAsync(EfficiencyProtocol.Enamel, Generator, 20000, 3, [Honest], [Honest, Hider], 3);
        var reference = Slowest(m.References[0]);
        var honest = Slowest(m.Samples[0]);
        var hider = Slowest(m.Samples[1]);
        Assert.True(reference > 1e-3, "the loop of 1e6 additions should take milliseconds: " + reference);
        Assert.True(m.Samples[1].Verdict == Verdict.Passed, m.Samples[1].Detail);
        // Charged beyond the margin: at least half the honest cost (margin 1.5x the null decoding of one int + 20 us).
        Assert.True(hider > 0.5 * honest, $"hider {hider} vs honest {honest}");
    }

    [Fact]
    public async Task Encoding_a_long_reply_is_outside_the_call_window()
    {
        // Making a list of 100,000 zeros takes well under a millisecond; encoding and sending it
        // takes several. The round trip (PerfJudge's protocol) counts both, the split window the call.
        const string program = "def f(n):\n    return [0] * (n * 5)\n";
        async Task<double> Slowest(EfficiencyProtocol protocol) =>
            SplitWindowTests.Slowest((await MeasureAsync(protocol, Generator, 20000, 3, [program], [], 3)).References[0]);
        var call = await Slowest(EfficiencyProtocol.Enamel);
        var roundTrip = await Slowest(EfficiencyProtocol.PerfJudge);
        Assert.True(call < 0.5 * roundTrip, $"call window {call} s, round trip {roundTrip} s");
    }

    [Fact]
    public async Task Microsecond_calls_are_measured_in_checked_batches_of_other_inputs()
    {
        // Right on its first 8 calls in a process, wrong afterwards. Unbatched, a round makes 6 calls
        // (warm-up, 2 level-0 cases, the level's warm-up, 2 level-1 cases); a batch makes 64 calls
        // for one level-1 case, and every output of the batch is checked.
        const string tired = "_calls = [0]\ndef f(n):\n    _calls[0] += 1\n    return n * 2 if _calls[0] <= 8 else -1\n";
        const string random = "import random\ndef generate_input(size, lid, cid):\n    return (random.randint(0, size),)\n";
        async Task<ProgramMeasurement> Sample(EfficiencyProtocol protocol) =>
            (await MeasureAsync(protocol, random, 1000, 2, ["def f(n):\n    return n * 2\n"], [tired], 1)).Samples[0];
        var enamel = await Sample(EfficiencyProtocol.Enamel);
        Assert.Equal(Verdict.Failed, enamel.Verdict);
        Assert.Contains("batched input", enamel.Detail, StringComparison.Ordinal);
        var warmups = EfficiencyProtocol.Enamel with { Name = "enamel-unsplit", CallOnly = false };
        Assert.Equal(Verdict.Passed, (await Sample(warmups)).Verdict);
    }
}
