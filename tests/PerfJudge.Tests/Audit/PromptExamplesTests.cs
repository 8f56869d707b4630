using PerfJudge.Audit;
using PerfJudge.Judging;
using PerfJudge.Tasks;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Audit;

/// <summary>The prompt's examples against the canonical solution: what counts as an example, and a real
/// sandboxed run in which a wrong example (HumanEval/47's <c>median</c> shows 15.0 where the reference, and
/// the definition of a median, give 8.0) is found and named, while the right ones pass.</summary>
[Collection(SandboxTests.Name)]
public class PromptExamplesTests
{
    private const string Median = "def median(l: list):\n    \"\"\"Return median of elements in the list l.\n" +
        "    >>> median([3, 1, 2, 4, 5])\n    3\n    >>> median([-10, 4, 6, 1000, 10, 20])\n    15.0\n    \"\"\"\n";

    private const string Canonical = "    l = sorted(l)\n    if len(l) % 2 == 1:\n        return l[len(l) // 2]\n" +
        "    else:\n        return (l[len(l) // 2 - 1] + l[len(l) // 2]) / 2.0\n";

    [Fact]
    public void Doctest_lines_with_their_output_and_assert_lines_that_call_the_entry_point_are_examples()
    {
        var prompt = "def helper(x):\n    \"\"\"\n    >>> helper(1)\n    2\n    \"\"\"\n    return x + 1\n\n" +
            "def f(xs):\n    \"\"\"Sorts.\n    >>> f([2,\n    ...    1])\n    [1,\n     2]\n    >>> f([]) == []\n" +
            "    >>> f(None)\n\n    >>> f([3])\n    [3]\"\"\"\n";
        var examples = PromptExamples.Extract(new CodeTask("T/1", prompt, "", "", "f"));
        Assert.Equal(
        [
            new PromptExample("doctest", "f([2,\n   1])", "[1,\n2]"),
            new PromptExample("doctest", "f([]) == []", ""),
            new PromptExample("doctest", "f(None)", ""),
            new PromptExample("doctest", "f([3])", "[3]"),
        ], examples); // helper's example does not call the entry point
        var mbpp = PromptExamples.Extract(new CodeTask("Mbpp/2", "\"\"\"\nWrite a function.\nassert g(2) == False\n\"\"\"\n", "", "", "g"));
        Assert.Equal([new PromptExample("assert", "assert g(2) == False", "")], mbpp);
        Assert.Empty(PromptExamples.Extract(new CodeTask("T/3", "def h(x):\n    \"\"\"No examples. h(1) is 2.\"\"\"\n", "", "", "h")));
        const string Prose = "def bf(a, b):\n    '''\n    Examples\n    bf(\"Earth\", \"M)\") ==> (\"Venus\")\n    bf(1)   # returns \"x\" # why\n" +
            "    bf(2) should return 16.\n    bf(1) = 3\n    bf([\n    '''\n";
        Assert.Equal(
        [
            new PromptExample("free", "bf(\"Earth\", \"M)\")", "(\"Venus\")"),
            new PromptExample("free", "bf(1)", "\"x\""),
            new PromptExample("free", "bf(2)", "16."),
        ], PromptExamples.Extract(new CodeTask("HumanEval/148", Prose, "", "", "bf"))); // a lone "=" is left out: prompts define with it
    }

    [Fact]
    public void The_test_code_carries_the_examples_as_python_strings()
    {
        var code = PromptExamples.TestCode("f", [new PromptExample("doctest", "f('a\"b\\\\')", "'x'\n")]);
        Assert.EndsWith("    ], \"f\", candidate)\n", code, StringComparison.Ordinal);
        Assert.Contains("from pj_examples import check_examples", code, StringComparison.Ordinal);
        Assert.Contains("(\"doctest\", \"f('a\\\"b\\\\\\\\')\", \"'x'\\n\"),", code, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_example_is_found_in_the_sandbox_and_the_right_ones_pass()
    {
        await using var runner = SandboxLevels.Runner(SandboxLevels.Available[0]);
        var right = Median.Replace("15.0", "8.0", StringComparison.Ordinal);
        var tasks = new[]
        {
            new CodeTask("HumanEval/47", Median, Canonical, "", "median"),
            new CodeTask("Fixed/47", right, Canonical, "", "median"),
            new CodeTask("None/1", "def g(x):\n    \"\"\"No examples.\"\"\"\n", "    return x\n", "", "g"),
            // MBPP's Mbpp/56 names its function check, as the test's own function is named.
            new CodeTask("Mbpp/56", "\"\"\"\nCheck.\nassert check(70) == False\n\"\"\"\n", "def check(n):\n    return n % 2 == 1\n", "", "check"),
            // A result the proxy cannot ship (a Counter) is not checked, not a disagreement.
            new CodeTask("Mbpp/88", "\"\"\"\nCount.\nassert freq([1, 1]) == {1: 2}\n\"\"\"\n",
                "import collections\ndef freq(xs):\n    return collections.Counter(xs)\n", "", "freq"),
        };
        var found = await PromptExamples.CheckAsync(runner, tasks, ExecutionLimits.WithTimeout(10), null, CancellationToken.None);

        Assert.False(found.ContainsKey("None/1"));
        Assert.Equal(new ExampleAudit(1, "passed", null), found["Mbpp/56"]);
        Assert.Equal(ExampleAudit.NotChecked, found["Mbpp/88"].Verdict);
        Assert.StartsWith("1 of 1 prompt examples: example 1: returned a Counter", found["Mbpp/88"].Detail, StringComparison.Ordinal);
        Assert.Equal(new ExampleAudit(2, "passed", null), found["Fixed/47"]);
        var wrong = found["HumanEval/47"];
        Assert.Equal((2, "failed"), (wrong.Examples, wrong.Verdict));
        Assert.Contains("1 of 2 prompt examples disagree: example 2 `median([-10, 4, 6, 1000, 10, 20])`: expected 15.0, got 8.0",
            wrong.Detail, StringComparison.Ordinal);
    }
}
