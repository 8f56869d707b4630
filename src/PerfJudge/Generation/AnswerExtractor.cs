using System.Text.RegularExpressions;
using PerfJudge.Samples;
using PerfJudge.Tasks;

namespace PerfJudge.Generation;

/// <summary>Takes the code out of a model's answer. A chat answer that defines the entry point
/// becomes a whole program, placed after the task's prompt so that the prompt's imports and helper
/// functions stay defined (its unfinished function has a docstring as body, which Python accepts, and
/// the answer's definition replaces it); an answer that only gives a body is a completion. Nothing is
/// run here: whatever comes out is judged like any other sample.</summary>
public static partial class AnswerExtractor
{
    [GeneratedRegex(@"^[ \t]*```[ \t]*[A-Za-z0-9_+-]*[ \t]*\r?\n", RegexOptions.Multiline)]
    private static partial Regex OpeningFence();

    /// <summary>The code of <paramref name="answer"/> to <paramref name="task"/>.</summary>
    /// <param name="answer">The model's text.</param>
    /// <param name="task">The task asked.</param>
    /// <param name="style">How the model was asked.</param>
    /// <param name="finishReason">The API's finish reason (<c>length</c>: cut by the token limit).</param>
    public static ExtractedCode Extract(string answer, CodeTask task, PromptStyle style, string? finishReason)
    {
        var cut = finishReason == "length";
        if (style == PromptStyle.Completion)
        {
            return new ExtractedCode("completion", answer, cut ? "truncated" : string.IsNullOrWhiteSpace(answer) ? "no_code" : "unfenced");
        }
        var (code, status) = Code(answer);
        if (cut && status != "no_code")
        {
            status = "truncated";
        }
        if (status == "no_code")
        {
            return new ExtractedCode("completion", "", status);
        }
        var definesEntry = Regex.IsMatch(code, $@"^(async[ \t]+)?def[ \t]+{Regex.Escape(task.EntryPoint)}[ \t]*\(", RegexOptions.Multiline);
        return definesEntry
            ? new ExtractedCode("solution", CodeTask.JoinProgram(task.Prompt, "\n" + code.TrimEnd() + "\n"), status)
            : new ExtractedCode("completion", code, status);
    }

    private static (string Code, string Status) Code(string answer)
    {
        var fenced = CodeExtractor.Extract(answer);
        if (fenced != answer)
        {
            return (fenced, "fenced");
        }
        // An opening fence never closed: the answer was cut off inside its code block.
        var opening = OpeningFence().Match(answer);
        if (opening.Success)
        {
            return (answer[(opening.Index + opening.Length)..], "truncated");
        }
        return LooksLikePython(answer) ? (answer, "unfenced") : ("", "no_code");
    }

    private static bool LooksLikePython(string text) =>
        Regex.IsMatch(text, @"^[ \t]*(def |return\b|import |from \S+ import |class |for |while |if )", RegexOptions.Multiline);
}
