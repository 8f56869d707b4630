using System.Globalization;
using System.Text;
using PerfJudge.Evaluation;
using PerfJudge.Jobs;
using PerfJudge.Judging;
using PerfJudge.Runners;
using PerfJudge.Samples;
using PerfJudge.Tasks;

namespace PerfJudge.Audit;

/// <summary>The examples a prompt gives (<c>&gt;&gt;&gt;</c> doctest lines; MBPP-style <c>assert</c> lines) checked
/// against the canonical solution: a prompt that shows an answer the reference does not give misleads every
/// candidate. The examples become test code (<c>pj_examples.check_examples</c>) that runs in the trusted
/// checker, with the canonical solution behind the proxy as any sample, judged as <c>eval</c> judges a
/// test-code task.</summary>
public static class PromptExamples
{
    private const string NotCheckedDetail = "assertion failed: not checked: ";

    /// <summary>The prompt's examples that call the task's entry point, in prompt order.</summary>
    public static IReadOnlyList<PromptExample> Extract(CodeTask task)
    {
        var lines = task.Prompt.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var call = task.EntryPoint + "(";
        var found = new List<PromptExample>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("assert ", StringComparison.Ordinal) && line.Contains(call, StringComparison.Ordinal))
            {
                found.Add(new PromptExample("assert", StripClosingQuotes(line, out _), ""));
                continue;
            }
            if (line.StartsWith(call, StringComparison.Ordinal) && FreeForm(line, call.Length) is { } free)
            {
                found.Add(free);
                continue;
            }
            if (!line.StartsWith(">>>", StringComparison.Ordinal))
            {
                continue;
            }
            var source = new StringBuilder(AfterPrompt(line, ">>>"));
            while (i + 1 < lines.Length && lines[i + 1].Trim() is var next && (next == "..." || next.StartsWith("... ", StringComparison.Ordinal)))
            {
                source.Append('\n').Append(AfterPrompt(next, "..."));
                i++;
            }
            var expected = new List<string>();
            while (i + 1 < lines.Length && lines[i + 1].Trim() is var want && want.Length > 0
                && !want.StartsWith(">>>", StringComparison.Ordinal) && !IsClosingQuotes(want))
            {
                i++;
                expected.Add(StripClosingQuotes(want, out var closed));
                if (closed)
                {
                    break;
                }
            }
            var text = source.ToString();
            if (text.Contains(call, StringComparison.Ordinal))
            {
                found.Add(new PromptExample("doctest", text, string.Join("\n", expected)));
            }
        }
        return found;
    }

    /// <summary>Test code that runs <paramref name="examples"/> against <c>candidate</c>.</summary>
    public static string TestCode(string entryPoint, IReadOnlyList<PromptExample> examples)
    {
        var sb = new StringBuilder("from pj_examples import check_examples\n\n\ndef check(candidate):\n    check_examples(globals(), [\n");
        foreach (var e in examples)
        {
            sb.Append("        (").Append(PythonString(e.Kind)).Append(", ").Append(PythonString(e.Source)).Append(", ")
                .Append(PythonString(e.Expected)).Append("),\n");
        }
        return sb.Append("    ], ").Append(PythonString(entryPoint)).Append(", candidate)\n").ToString();
    }

    /// <summary>Judges the canonical solution of every task with examples against them.</summary>
    public static async Task<Dictionary<string, ExampleAudit>> CheckAsync(IRunner runner, IReadOnlyList<CodeTask> tasks, ExecutionLimits limits,
        IProgress<JobProgress>? progress, CancellationToken cancel)
    {
        var examples = tasks.Select(t => (Task: t, Examples: Extract(t))).Where(x => x.Examples.Count > 0).ToList();
        var result = new Dictionary<string, ExampleAudit>(StringComparer.Ordinal);
        if (examples.Count == 0)
        {
            return result;
        }
        var checks = examples.Select(x => x.Task with { Test = TestCode(x.Task.EntryPoint, x.Examples), Efficiency = null, Program = null, EvalPlus = null }).ToList();
        var suite = new TaskSuite("prompt-examples", "audit", checks);
        var samples = checks.Select((t, i) => new Sample("canonical", t.TaskId, 0, t.ReferenceProgram, i + 1, new Dictionary<string, double>())).ToList();
        var rows = await new Evaluator(runner).RunAsync(suite, samples, limits, progress, cancel);
        for (var i = 0; i < rows.Count; i++)
        {
            // pj_examples marks examples whose result is no plain data (a Counter, a re.Match): not checked, not a disagreement.
            var notChecked = rows[i].Detail?.StartsWith(NotCheckedDetail, StringComparison.Ordinal) == true;
            result[rows[i].TaskId] = new ExampleAudit(examples[i].Examples.Count, notChecked ? ExampleAudit.NotChecked : rows[i].Verdict,
                notChecked ? rows[i].Detail![NotCheckedDetail.Length..] : rows[i].Detail);
        }
        return result;
    }

    // How prose examples show a result; a lone "=" is left out: prompts use it for definitions
    // (HumanEval/130: "tri(1) = 3" defines the sequence, the function returns a list).
    private static readonly string[] Arrows = ["==>", "==", "\u279e", "=>", "->", "should return", "returns"];

    /// <summary>A prose example on one line, <c>f(args) ARROW shown</c> (also after a <c>#</c>), or null.</summary>
    private static PromptExample? FreeForm(string line, int start)
    {
        var end = CallEnd(line, start);
        if (end < 0)
        {
            return null;
        }
        var rest = line[end..].TrimStart();
        if (rest.StartsWith('#'))
        {
            rest = rest[1..].TrimStart();
        }
        foreach (var arrow in Arrows)
        {
            if (rest.StartsWith(arrow, StringComparison.Ordinal))
            {
                var shown = rest[arrow.Length..];
                var comment = shown.IndexOf(" #", StringComparison.Ordinal);
                shown = (comment >= 0 ? shown[..comment] : shown).Trim();
                return shown.Length == 0 ? null : new PromptExample("free", line[..end], shown);
            }
        }
        return null;
    }

    /// <summary>Index just past the parenthesis that closes the call opened before <paramref name="start"/>, or -1.</summary>
    private static int CallEnd(string line, int start)
    {
        var depth = 1;
        char? quote = null;
        for (var i = start; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is { } q)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == q)
                {
                    quote = null;
                }
                continue;
            }
            if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}' && --depth == 0)
            {
                return i + 1;
            }
        }
        return -1;
    }

    private static string AfterPrompt(string line, string prompt)
    {
        var rest = line[prompt.Length..];
        return rest.StartsWith(' ') ? rest[1..] : rest;
    }

    private static bool IsClosingQuotes(string line) =>
        line.StartsWith("\"\"\"", StringComparison.Ordinal) || line.StartsWith("'''", StringComparison.Ordinal);

    private static string StripClosingQuotes(string line, out bool closed)
    {
        foreach (var quotes in (string[])["\"\"\"", "'''"])
        {
            if (line.EndsWith(quotes, StringComparison.Ordinal))
            {
                closed = true;
                return line[..^quotes.Length].TrimEnd();
            }
        }
        closed = false;
        return line;
    }

    /// <summary>A double-quoted Python string literal of <paramref name="s"/>.</summary>
    internal static string PythonString(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            _ = c switch
            {
                '\\' => sb.Append("\\\\"),
                '"' => sb.Append("\\\""),
                '\n' => sb.Append("\\n"),
                '\r' => sb.Append("\\r"),
                '\t' => sb.Append("\\t"),
                _ when char.IsControl(c) => sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => sb.Append(c),
            };
        }
        return sb.Append('"').ToString();
    }
}
