using System.Text.Json.Nodes;
using Spectre.Console;

namespace PerfJudge.Tests.Support;

/// <summary>Runs the real CLI entry in-process and captures what it prints.</summary>
public static class CliRunner
{
    public sealed record Outcome(int ExitCode, string Out, string Err, JsonNode? Json);

    /// <summary>A console without colours or interaction writing to <paramref name="output"/>.</summary>
    public static IAnsiConsole PlainConsole(TextWriter output, int width)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        return console;
    }

    public static async Task<Outcome> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var console = PlainConsole(output, 200);
        var code = await global::PerfJudge.Cli.Cli.RunAsync(args, console, errors, CancellationToken.None);
        JsonNode? json = null;
        var index = Array.IndexOf(args, "--json");
        if (index >= 0 && File.Exists(args[index + 1]))
        {
            json = JsonNode.Parse(await File.ReadAllTextAsync(args[index + 1]));
        }
        return new Outcome(code, output.ToString(), errors.ToString(), json);
    }
}
