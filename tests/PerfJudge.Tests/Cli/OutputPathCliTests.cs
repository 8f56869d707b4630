using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Cli;

/// <summary>Failures a new user meets before any judging: reported in one line, no stack trace.</summary>
public class OutputPathCliTests
{
    private readonly string _dir = TestData.TempDir();

    [Fact]
    public async Task An_unwritable_json_path_is_refused_before_the_run()
    {
        var file = Path.Combine(_dir, "plain");
        await File.WriteAllTextAsync(file, "");
        var outcome = await CliRunner.RunAsync("eval", "--store", Path.Combine(_dir, "s.db"), "--json", Path.Combine(file, "out.json"));
        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("--json: cannot write", outcome.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Err, StringComparison.Ordinal);
        Assert.Empty(outcome.Out); // nothing judged
    }

    [Fact]
    public async Task A_malformed_input_secret_is_one_line_naming_the_file()
    {
        var secret = Path.Combine(_dir, "input-secret");
        await File.WriteAllTextAsync(secret, "not hex\n");
        var outcome = await CliRunner.RunAsync("eval", "--store", Path.Combine(_dir, "s.db"), "--input-secret", secret);
        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains($"input secret {secret}: malformed", outcome.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Err, StringComparison.Ordinal);
        Assert.Equal("not hex\n", await File.ReadAllTextAsync(secret)); // left as it was
    }

    [Fact]
    public async Task A_corrupt_store_is_one_line_in_report()
    {
        var store = Path.Combine(_dir, "bad.db");
        await File.WriteAllTextAsync(store, new string('x', 4096));
        var outcome = await CliRunner.RunAsync("report", "--store", store);
        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("cannot be used", outcome.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Err, StringComparison.Ordinal);
    }
}
