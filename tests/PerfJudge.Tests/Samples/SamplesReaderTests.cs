using PerfJudge.Samples;
using PerfJudge.Tasks;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Samples;

public class SamplesReaderTests
{
    private static readonly TaskSuite Suite = new("t", "t.jsonl",
    [
        new CodeTask("T/0", "def f(x):\n", "    return x\n", "def check(c):\n    assert c(1) == 1\n", "f"),
        new CodeTask("T/1", "def g():\n", "    return 2\n", "def check(c):\n    assert c() == 2\n", "g"),
    ]);

    private static SampleSet Read(string content, string name = "model-a.jsonl")
    {
        var path = Path.Combine(TestData.TempDir(), name);
        File.WriteAllText(path, content);
        return SamplesReader.Read(path, Suite);
    }

    [Fact]
    public void Completion_is_appended_to_the_prompt_and_model_defaults_to_file_name()
    {
        var set = Read("{\"task_id\":\"T/0\",\"completion\":\"    return x\\n\"}\n");
        var sample = Assert.Single(set.Samples);
        Assert.Empty(set.Problems);
        Assert.Equal("def f(x):\n    return x\n", sample.Program);
        Assert.Equal("model-a", sample.Model);
    }

    [Fact]
    public void Solution_is_taken_whole_and_fences_are_stripped()
    {
        var set = Read("{\"task_id\":\"T/1\",\"solution\":\"Here:\\n```python\\ndef g():\\n    return 2\\n```\\nDone\",\"model\":\"m\",\"usd\":0.5}\n");
        var sample = Assert.Single(set.Samples);
        Assert.Equal("def g():\n    return 2\n", sample.Program);
        Assert.Equal("m", sample.Model);
        Assert.Equal(0.5, sample.Costs["usd"]);
    }

    [Fact]
    public void Index_counts_lines_per_model_and_task()
    {
        var set = Read(string.Join("\n",
            "{\"task_id\":\"T/0\",\"completion\":\"a\",\"model\":\"m\"}",
            "{\"task_id\":\"T/1\",\"completion\":\"b\",\"model\":\"m\"}",
            "{\"task_id\":\"T/0\",\"completion\":\"c\",\"model\":\"m\"}",
            "{\"task_id\":\"T/0\",\"completion\":\"d\",\"model\":\"n\"}"));
        Assert.Equal([0, 0, 1, 0], set.Samples.Select(s => s.Index));
    }

    [Fact]
    public void Every_problem_names_file_line_and_field()
    {
        var set = Read(string.Join("\n",
            "{\"task_id\":\"T/0\",\"completion\":\"ok\"}",
            "{not json",
            "{\"completion\":\"x\"}",
            "{\"task_id\":\"T/9\",\"completion\":\"x\"}",
            "{\"task_id\":\"T/0\"}",
            "{\"task_id\":\"T/0\",\"completion\":5}",
            "[1,2]"), "bad.jsonl");
        Assert.Single(set.Samples);
        var text = set.Problems.Select(p => p.ToString()).ToList();
        Assert.Contains(text, t => t.Contains("bad.jsonl:2:", StringComparison.Ordinal) && t.Contains("malformed JSON", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains(":3: field 'task_id': missing", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains(":4: field 'task_id': unknown task_id 'T/9'", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains(":5: field 'completion': missing", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains(":6: field 'completion': must be a string", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains(":7: expected a JSON object", StringComparison.Ordinal));
    }

    [Fact]
    public void Empty_file_is_a_problem()
    {
        var set = Read("\n\n");
        Assert.Contains(set.Problems, p => p.Message.Contains("empty", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_file_is_a_problem()
    {
        var set = SamplesReader.Read("/nonexistent/x.jsonl", Suite);
        Assert.Contains(set.Problems, p => p.Message.Contains("not found", StringComparison.Ordinal));
    }
}
