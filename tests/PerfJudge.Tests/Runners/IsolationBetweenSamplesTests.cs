using PerfJudge.Judging;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Runners;

[Collection(SandboxTests.Name)]
public class IsolationBetweenSamplesTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private const string Test = "def check(candidate):\n    assert candidate() == 'clean'\n";

    [Fact]
    public async Task Nothing_a_sample_changes_is_seen_by_the_next_one()
    {
        const string polluter = """
            import os, math, sys, builtins, random
            math.pi = 3
            os.environ['POLLUTED'] = '1'
            builtins.POLLUTED = True
            sys.modules['polluted_module'] = math
            random.seed(1)
            open('left-behind.txt', 'w').write('x')
            def probe():
                return 'clean'
            """;
        const string prober = """
            import os, math, sys, builtins
            def probe():
                dirty = []
                if math.pi != 3.141592653589793: dirty.append('math.pi')
                if 'POLLUTED' in os.environ: dirty.append('environ')
                if hasattr(builtins, 'POLLUTED'): dirty.append('builtins')
                if 'polluted_module' in sys.modules: dirty.append('modules')
                if os.path.exists('left-behind.txt') or os.listdir('.'): dirty.append('files')
                return 'clean' if not dirty else ','.join(dirty)
            """;
        // Several rounds so that both workers of the pool run a prober after a polluter.
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(Verdict.Passed, (await sandbox.JudgeAsync(polluter, Test, "probe")).Verdict);
            var result = await sandbox.JudgeAsync(prober, Test, "probe");
            Assert.True(result.Verdict == Verdict.Passed, result.Detail);
        }
    }
}
