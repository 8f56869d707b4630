using System.Text.RegularExpressions;

namespace PerfJudge.Samples;

/// <summary>Strips markdown code fences that chat models wrap around code.</summary>
public static partial class CodeExtractor
{
    [GeneratedRegex(@"^[ \t]*```[ \t]*([A-Za-z0-9_+-]*)[ \t]*\r?\n(.*?)^[ \t]*```[ \t]*$",
        RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencePattern();

    /// <summary>Returns the code inside the fences: the Python-tagged blocks if any, else all
    /// blocks, joined; text without fences is returned unchanged.</summary>
    public static string Extract(string text)
    {
        var matches = FencePattern().Matches(text);
        if (matches.Count == 0)
        {
            return text;
        }
        var python = matches.Where(m => m.Groups[1].Value is "python" or "py" or "python3").ToList();
        var chosen = python.Count > 0 ? python : matches.ToList();
        return string.Join("\n", chosen.Select(m => m.Groups[2].Value));
    }
}
