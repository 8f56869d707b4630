using PerfJudge.Evaluation;
using PerfJudge.Judging;
using PerfJudge.Samples;
using PerfJudge.Tasks;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Programs;

/// <summary>Levels and peak memory of whole programs on the real sandboxed runner.</summary>
[Collection(SandboxTests.Name)]
public class ProgramLevelsRunTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private static readonly Dictionary<string, IReadOnlyList<string>> NoOptions = new();

    private static Sample S(string model, string task, int index, string code, string language) =>
        new(model, task, index, code, index + 1, new Dictionary<string, double>(), language);

    [Fact]
    public async Task Generated_levels_are_judged_against_the_first_reference_and_scored()
    {
        // Sum of n numbers; the generator's inputs are made on the trusted side.
        const string generator = "import random\n\ndef generate_input(size, lid, cid):\n"
            + "    return '%d\\n%s\\n' % (size, ' '.join(str(random.randint(1, 10**6)) for _ in range(size)))\n";
        const string fast = "import sys\nv = sys.stdin.read().split()\nprint(sum(map(int, v[1:])))\n";
        const string slow = "import sys\nv = sys.stdin.read().split()\ns = 0\nfor x in v[1:]:\n    for _ in range(30):\n        pass\n    s += int(x)\nprint(s)\n";
        const string wrongOnBig = "import sys\nv = sys.stdin.read().split()\nprint(sum(map(int, v[1:])) % 1000000 if len(v) > 1000 else sum(map(int, v[1:])))\n";
        var spec = new ProgramSpec("sum", 2, 256, [new("3\n1 2 3\n", "6\n")], "tokens", null, [],
            [new("python", fast, "fast"), new("python", slow, "slow")], NoOptions,
            new ProgramLevels(generator, [new(10, 1, 0), new(20000, 2, 1)], [0, 1], 1));
        var suite = new TaskSuite("t", "t", [new CodeTask("sum", "", "", "", "main", null, spec)]);
        var samples = new[] { S("m", "sum", 0, fast, "python"), S("m", "sum", 1, wrongOnBig, "python"), S("n", "sum", 0, "print(7)\n", "python") };
        var rows = await new ProgramEvaluator(sandbox.Runner, new EfficiencyOptions(ExecutionLimits.Default, 1, 2.0, 0, "cpu"))
            .RunAsync(suite, samples, ExecutionLimits.Default, 1, null, CancellationToken.None);

        Assert.Equal("passed", rows[0].Verdict);
        Assert.True(rows[0].Efficiency!.Efficiency > 0, "the fast reference's own program scores");
        Assert.NotNull(rows[0].Efficiency!.Speedup);
        Assert.Equal(2, rows[0].Efficiency!.CaseCosts!.Count); // the two scored cases of level 1
        Assert.Equal("failed", rows[1].Verdict); // passes the task's test, fails a generated case
        Assert.StartsWith("level case 1 (level 1)", rows[1].Detail, StringComparison.Ordinal);
        Assert.Equal(0, rows[1].Efficiency!.Efficiency);
        Assert.Equal("failed", rows[2].Verdict);
        Assert.Equal(0, rows[2].Efficiency!.Efficiency);
    }

    [Fact]
    public async Task Peak_memory_of_a_program_comes_from_its_cgroup_or_rusage_and_says_which()
    {
        // Allocates and touches 80 MiB.
        const string code = "#include <cstdio>\n#include <cstdlib>\n#include <cstring>\nint main(){size_t n=80u<<20;char*p=(char*)malloc(n);"
            + "memset(p,1,n);long s=0;for(size_t i=0;i<n;i+=4096)s+=p[i];printf(\"%ld\\n\",s);}\n";
        var spec = new ProgramSpec("alloc", 2, 256, [new("", "20480\n")], "tokens", null, [], [new("cpp", code, "ref")], NoOptions);
        var suite = new TaskSuite("t", "t", [new CodeTask("alloc", "", "", "", "main", null, spec)]);
        var rows = await new ProgramEvaluator(sandbox.Runner).RunAsync(suite, [S("m", "alloc", 0, code, "cpp")], ExecutionLimits.Default, 1,
            null, CancellationToken.None);
        var row = Assert.Single(rows);
        Assert.Equal("passed", row.Verdict);
        // The cgroup's figure is its high-water mark less what the group held before the program started; page cache
        // the kernel reclaims from the group meanwhile lowers it a little (81800 KiB of 81920 seen under load).
        Assert.InRange(row.PeakMemoryKb ?? 0, 76 << 10, (80 + 48) << 10);
        var expected = sandbox.Runner.Info.Cgroups is { } v ? "cgroup-" + v : "rusage";
        Assert.Equal(expected, row.Controls!["peak_memory"]);
    }
}
