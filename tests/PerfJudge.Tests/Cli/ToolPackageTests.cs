using System.Diagnostics;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Cli;

/// <summary>The README's install path: <c>dotnet pack</c> makes a tool package (it failed with NU5118
/// when two suites' tasks.jsonl both became content/tasks.jsonl), <c>dotnet tool install</c> installs
/// it from a local folder, and the installed command runs with its built-in suites.</summary>
public class ToolPackageTests
{
    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PerfJudge.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    private static async Task<(int Code, string Output)> Run(string file, string arguments, string dir, IDictionary<string, string>? env = null)
    {
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in env ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    [Fact]
    public async Task Pack_then_tool_install_gives_a_working_perfjudge_command()
    {
        var root = FindRoot();
        var dir = TestData.TempDir();
        var packages = Path.Combine(dir, "pkg");
        // A version of its own and a private package cache: NuGet would otherwise reuse an older
        // package of the same version from ~/.nuget/packages.
        var version = "0.0.0-test" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var pack = await Run("dotnet", $"pack \"{Path.Combine(root, "src", "PerfJudge.Cli")}\" -c Release -o \"{packages}\" -p:PackageVersion={version} --nologo", root);
        Assert.True(pack.Code == 0, pack.Output);
        Assert.DoesNotContain("NU5118", pack.Output, StringComparison.Ordinal);

        var config = Path.Combine(dir, "nuget.config");
        await File.WriteAllTextAsync(config, $"<configuration><packageSources><clear /><add key=\"local\" value=\"{packages}\" /></packageSources></configuration>");
        var tools = Path.Combine(dir, "tools");
        var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(dir, "nuget-cache") };
        var install = await Run("dotnet", $"tool install PerfJudge.Tool --version {version} --tool-path \"{tools}\" --configfile \"{config}\"", dir, env);
        Assert.True(install.Code == 0, install.Output);

        var help = await Run(Path.Combine(tools, "perfjudge"), "--help", dir);
        Assert.True(help.Code == 0, help.Output);
        Assert.Contains("eval", help.Output, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.Combine(tools, ".store"), "tasks.jsonl", SearchOption.AllDirectories),
            f => f.Contains(Path.Combine("suites", "demo"), StringComparison.Ordinal));
        // The installed command runs its own code: a missing store is named, exit code 2.
        var report = await Run(Path.Combine(tools, "perfjudge"), $"report --store \"{Path.Combine(dir, "none.db")}\"", dir);
        Assert.Equal(2, report.Code);
        Assert.Contains("no result store", report.Output, StringComparison.Ordinal);
    }
}
