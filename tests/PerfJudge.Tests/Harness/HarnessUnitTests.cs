namespace PerfJudge.Tests.Harness;

/// <summary>The harness's own unit tests (stdlib unittest, in ./python), run with the engine's
/// interpreter on the harness modules the engine embeds. They can also be run by hand:
/// <c>python3 -m unittest discover -s tests/PerfJudge.Tests/Harness/python</c>.</summary>
[Collection(Support.SandboxTests.Name)] // one test starts a worker and times candidate calls
public class HarnessUnitTests
{
    [Fact]
    public async Task The_harness_unit_tests_pass()
    {
        var dir = HarnessPython.TestsDir();
        var run = await HarnessPython.RunAsync(["-B", "-m", "unittest", "discover", "-s", dir, "-t", dir, "-p", "test_*.py"],
            new Dictionary<string, string>
            {
                ["PERFJUDGE_HARNESS_DIR"] = HarnessPython.HarnessDir(),
                ["PYTHONDONTWRITEBYTECODE"] = "1",
            });
        Assert.True(run.ExitCode == 0, "python -m unittest failed:\n" + run.Err + run.Out);
        Assert.Matches(@"Ran [1-9]\d* tests", run.Err); // discovery found the tests
    }
}
