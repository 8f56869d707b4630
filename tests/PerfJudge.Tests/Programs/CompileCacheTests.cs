using PerfJudge.Evaluation;
using PerfJudge.Judging;
using PerfJudge.Runners;
using PerfJudge.Samples;
using PerfJudge.Tasks;
using PerfJudge.Tests.Jobs;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Programs;

/// <summary>Compile once: the program plan through the caching runner over a real runner; a counting runner
/// in between sees what actually runs.</summary>
[Collection(SandboxTests.Name)]
public class CompileCacheTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private sealed class Counting(IRunner inner) : IRunner
    {
        public int Compiles;
        public int Programs;

        public RunnerInfo Info => inner.Info;

        public Task<TReply> RunAsync<TReply>(RunRequest<TReply> request, CancellationToken cancel) where TReply : RunReply
        {
            if (request is CompileRequest)
            {
                Interlocked.Increment(ref Compiles);
            }
            if (request is ProgramRequest)
            {
                Interlocked.Increment(ref Programs);
            }
            return inner.RunAsync(request, cancel);
        }

        public Task RecycleAsync(CancellationToken cancel) => inner.RecycleAsync(cancel);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static TaskSuite Suite()
    {
        var spec = new ProgramSpec("add", 1, 256, [new("1 2", "3"), new("5 5", "10"), new("-1 1", "0")], "tokens", null, [], [
            new("cpp", "#include <cstdio>\nint main(){long a,b;scanf(\"%ld %ld\",&a,&b);printf(\"%ld\\n\",a+b);}\n", "fast"),
        ], new Dictionary<string, IReadOnlyList<string>>());
        return new TaskSuite("t", "t", [new CodeTask("add", "", "", "", "main", null, spec)]);
    }

    [Fact]
    public async Task A_second_run_compiles_nothing_and_identical_sources_compile_once()
    {
        var suite = Suite();
        var cpp = "#include <cstdio>\nint main(){long a,b;scanf(\"%ld %ld\",&a,&b);printf(\"%ld\\n\",b+a);}\n";
        var py = "a, b = map(int, input().split())\nprint(a + b)\n";
        Sample S(string model, int index, string code, string language) => new(model, "add", index, code, index + 1, new Dictionary<string, double>(), language);
        var samples = new[] { S("m", 0, cpp, "cpp"), S("m", 1, cpp, "cpp"), S("n", 0, py, "python"), S("n", 1, "int main(){", "cpp") };
        var store = new MemoryStore();
        var counting = new Counting(sandbox.Runner);
        var runner = new CachingRunner(counting, store);
        var first = await new ProgramEvaluator(runner).RunAsync(suite, samples, ExecutionLimits.Default, 1, null, CancellationToken.None);
        Assert.Equal(["passed", "passed", "passed", "compile_error"], first.Select(r => r.Verdict));
        Assert.Equal(4, counting.Compiles); // the sample's C++ (twice in the samples), the reference, Python, the broken one
        Assert.True(first[0].Program!.CompileSeconds > 0);

        counting.Compiles = counting.Programs = 0;
        // Another number of rounds: every program is judged again, but nothing compiles.
        var second = await new ProgramEvaluator(runner).RunAsync(suite, samples, ExecutionLimits.Default, 2, null, CancellationToken.None);
        Assert.Equal(0, counting.Compiles);
        Assert.Equal(3, counting.Programs); // the C++ sample, the Python sample, the reference
        Assert.Equal(first.Select(r => r.Verdict), second.Select(r => r.Verdict));
        Assert.All(second, r => Assert.Equal(0, r.Program!.CompileSeconds));
        Assert.StartsWith("compilation failed", second[3].Detail, StringComparison.Ordinal);
    }
}
