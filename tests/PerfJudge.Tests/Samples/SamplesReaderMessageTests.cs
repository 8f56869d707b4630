using PerfJudge.Samples;
using PerfJudge.Tasks;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Samples;

public class SamplesReaderMessageTests
{
    private static readonly TaskSuite Suite = new("t", "t.jsonl",
        [new CodeTask("T/0", "def f(x):\n", "    return x\n", "def check(c):\n    assert c(1) == 1\n", "f")]);

    private static SampleSet Read(string content, bool extractCode = true)
    {
        var path = Path.Combine(TestData.TempDir(), "m.jsonl");
        File.WriteAllText(path, content);
        return SamplesReader.Read(path, Suite, extractCode);
    }

    [Fact]
    public void Malformed_json_names_the_column_not_the_parsers_line_zero()
    {
        var problem = Assert.Single(Read("\n\n{bad json\n").Problems);
        Assert.Equal(3, problem.Line);
        Assert.StartsWith("malformed JSON at column 2: ", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_task_id_type_names_the_field_once()
    {
        var problem = Assert.Single(Read("{\"task_id\":5,\"completion\":\"x\"}\n").Problems);
        Assert.EndsWith(":1: field 'task_id': must be a string, not number", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Differing_completion_and_solution_judge_the_solution_with_a_warning()
    {
        var set = Read("{\"task_id\":\"T/0\",\"completion\":\"    return 1\\n\",\"solution\":\"def f(x):\\n    return x\\n\"}\n");
        Assert.Equal("def f(x):\n    return x\n", Assert.Single(set.Samples).Program);
        var warning = Assert.Single(set.Remarks);
        Assert.Equal(("solution", 1, "samples.both"), (warning.Field, warning.Line, warning.Code));
    }

    [Theory]
    [InlineData("{\"task_id\":\"T/0\",\"completion\":\"    return x\\n\",\"solution\":\"def f(x):\\n    return x\\n\"}")]
    [InlineData("{\"task_id\":\"T/0\",\"completion\":\"def f(x):\\n    return x\\n\",\"solution\":\"def f(x):\\n    return x\"}")]
    public void Consistent_completion_and_solution_need_no_warning(string line)
    {
        var set = Read(line + "\n");
        Assert.Single(set.Samples);
        Assert.Empty(set.Remarks);
    }

    [Fact]
    public void Fences_are_kept_when_asked_as_human_eval_does()
    {
        const string line = "{\"task_id\":\"T/0\",\"completion\":\"```python\\n    return x\\n```\\n\"}\n";
        Assert.Equal("def f(x):\n    return x\n", Assert.Single(Read(line).Samples).Program);
        Assert.Equal("def f(x):\n```python\n    return x\n```\n", Assert.Single(Read(line, extractCode: false).Samples).Program);
    }

    [Fact]
    public void File_problems_have_no_line_number()
    {
        var problem = Assert.Single(Read("").Problems);
        Assert.True(problem.IsFileProblem);
        Assert.EndsWith("m.jsonl: the samples file is empty", problem.ToString(), StringComparison.Ordinal);
    }
}
