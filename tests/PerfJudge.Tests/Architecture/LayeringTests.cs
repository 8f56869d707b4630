using System.Text.RegularExpressions;

namespace PerfJudge.Tests.Architecture;

/// <summary>The shape the design asks for, read from the sources: small front-end files, no god
/// objects, and the lower folders not depending on the runners, the sandbox or the jobs.</summary>
public partial class LayeringTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PerfJudge.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }

    private static IEnumerable<string> Sources(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [Fact]
    public void Cli_files_only_parse_call_a_job_and_render_in_at_most_120_lines()
    {
        var long_ = Sources("src/PerfJudge.Cli").Select(f => (File: Path.GetFileName(f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > 120).ToList();
        Assert.True(long_.Count == 0, string.Join(", ", long_.Select(f => $"{f.File}: {f.Lines} lines")));
    }

    [Fact]
    public void No_engine_file_is_over_400_lines()
    {
        var long_ = Sources("src/PerfJudge").Select(f => (File: Path.GetFileName(f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > 400).ToList();
        Assert.True(long_.Count == 0, string.Join(", ", long_.Select(f => $"{f.File}: {f.Lines} lines")));
    }

    [Theory]
    [InlineData("Judging", "Runners|Sandbox|Jobs|Evaluation|Reports|Storage|Results")]
    [InlineData("Statistics", "Runners|Sandbox|Jobs|Evaluation|Reports|Storage|Results")]
    [InlineData("Metrics", "Runners|Sandbox|Jobs|Evaluation|Reports|Storage|Results")]
    [InlineData("Storage", "Runners|Sandbox|Jobs|Evaluation|Reports|Results")]
    [InlineData("Reports", "Runners|Sandbox|Jobs|Evaluation|Storage")]
    [InlineData("Runners", "Jobs|Evaluation|Reports|Results|Stress")]
    public void Lower_folders_do_not_depend_on_higher_ones(string folder, string forbidden)
    {
        var pattern = new Regex($@"^using PerfJudge\.({forbidden})(\.|;)", RegexOptions.Multiline);
        var offenders = Sources(Path.Combine("src/PerfJudge", folder))
            .SelectMany(f => pattern.Matches(File.ReadAllText(f)).Select(m => $"{Path.GetFileName(f)}: {m.Value.Trim()}")).ToList();
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }
}
