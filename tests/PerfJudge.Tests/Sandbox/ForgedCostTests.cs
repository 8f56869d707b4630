using PerfJudge.Jobs;
using PerfJudge.Judging;
using PerfJudge.Measurement;
using PerfJudge.Runners;
using PerfJudge.Runners.Python;
using PerfJudge.Tasks;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Sandbox;

/// <summary>A slow solution dressed up to look fast must keep the slow solution's score: the work
/// done by a forked child or a helper process counts, a process that outlives its call is a
/// verdict, a measured process that vanishes is not a cost of 0, and the measured inputs cannot be
/// regenerated from the public seed. One ENAMEL-style task per level: a linear reference, the
/// honest quadratic solution and its disguises.</summary>
[Collection(SandboxTests.Name)]
public sealed class ForgedCostTests
{
    private const string Quadratic = "def f(nums):\n    for i in range(len(nums)):\n        for j in range(i):\n            if nums[i] == nums[j]:\n                return True\n    return False\n";

    private const string Generator = "def generate_input(size, lid, cid):\n    nums = list(range(size))\n    random.shuffle(nums)\n    if cid % 2:\n        nums.append(nums[size // 2])\n    return (nums,)\n";

    /// <summary>The parent idles while a child forked at import serves the calls.</summary>
    private const string ForkAndServe = Quadratic + "import os\nif os.fork():\n    os.wait()\n    os._exit(0)\n";

    /// <summary>The parent (the measured pid) exits at import; its child serves.</summary>
    private const string ForkAndVanish = Quadratic + "import os\nif os.fork():\n    os._exit(0)\n";

    /// <summary>A helper started at import does the work; the measured process only waits on a pipe.</summary>
    private const string Helper = "import os, marshal\n" + "def slow(nums):\n    for i in range(len(nums)):\n        for j in range(i):\n            if nums[i] == nums[j]:\n                return True\n    return False\n"
        + "def _read(fd, n):\n    b = b''\n    while len(b) < n:\n        c = os.read(fd, n - len(b))\n        if not c: os._exit(0)\n        b += c\n    return b\n"
        + "a_r, a_w = os.pipe()\nb_r, b_w = os.pipe()\n"
        + "if os.fork() == 0:\n    while True:\n        n = int.from_bytes(_read(a_r, 8), 'big')\n        r = slow(marshal.loads(_read(a_r, n)))\n        os.write(b_w, b'1' if r else b'0')\n"
        + "def f(nums):\n    d = marshal.dumps(nums)\n    os.write(a_w, len(d).to_bytes(8, 'big') + d)\n    return os.read(b_r, 1) == b'1'\n";

    /// <summary>Regenerates the measured inputs at import from the public seed (the generator and
    /// the seed are known), precomputes the answers there (import is not measured) and looks them up.</summary>
    private const string Regenerate = Quadratic + "import random\n" + Generator
        + "_known = {}\nfor _l, _s, _n in ((0, 10, 2), (1, 1200, 2)):\n    for _c in range(_n):\n        random.seed('0/forged/%d/%d' % (_l, _c))\n        _a = generate_input(_s, _l, _c)[0]\n        _known[tuple(_a)] = f(_a)\n"
        + "_slow = f\ndef f(nums):\n    t = tuple(nums)\n    return _known[t] if t in _known else _slow(nums)\n";

    private static async Task<TaskMeasurement> MeasureAsync(string level, params string[] samples)
    {
        var (python, command, probed) = SandboxEngineFactory.Probe(level, null, new List<Diagnostic>())!.Value;
        // A machine's secret, given as the engine gives it: the attack must fail with a stable secret too.
        await using var runner = new PythonRunner(command, probed, python, 1, MachineFingerprint.Current,
            InputSecret.FromBytes(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
        var request = new PerfRequest("forged", "", "f", Generator,
            [new EfficiencyLevel(10, 2, 0), new EfficiencyLevel(1200, 2, 1)], 0, "def __check(args, expected, output):\n    return output == expected\n",
            ["def f(nums):\n    return len(set(nums)) != len(nums)\n"], samples, ExecutionLimits.WithTimeout(10), 2.0, null, 1, "cpu");
        var reply = await runner.RunAsync(request, CancellationToken.None);
        Assert.True(reply.Verdict == Verdict.Passed, reply.Detail);
        return reply.Measurement!;
    }

    private static string Show(ProgramMeasurement m) =>
        $"{m.Verdict} {m.Detail} exceeded={m.ExceededLevel} times=[{string.Join(", ", m.Times)}]";

    [Theory]
    [MemberData(nameof(SandboxLevels.Data), MemberType = typeof(SandboxLevels))]
    public async Task A_slow_solution_in_disguise_keeps_the_slow_solutions_score(string level)
    {
        var m = await MeasureAsync(level, Quadratic, ForkAndServe, ForkAndVanish, Helper, Regenerate);
        var honest = m.Samples[0];
        Assert.True(honest.Verdict == Verdict.Passed && honest.ExceededLevel == 1, "honest: " + Show(honest));
        // Each disguise: either not a pass, or as slow as the slow solution (over level 1's limit).
        var fooled = new[] { "fork-and-serve", "fork-and-vanish", "helper", "regenerate" }.Zip(m.Samples.Skip(1))
            .Where(p => p.Second.Verdict == Verdict.Passed && p.Second.ExceededLevel != 1)
            .Select(p => p.First + ": " + Show(p.Second)).ToList();
        Assert.True(fooled.Count == 0, string.Join("\n", fooled));
    }
}
