using PerfJudge.Samples;
using PerfJudge.Tasks;

namespace PerfJudge.Tests.Tasks;

public sealed class ProgramTaskLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pj-program-suite-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void A_program_line_with_a_tests_dir_subtasks_and_references_loads()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "t"));
        foreach (var n in new[] { 10, 2, 1 })
        {
            File.WriteAllText(Path.Combine(_dir, "t", $"{n}.in"), $"in{n}");
            File.WriteAllText(Path.Combine(_dir, "t", $"{n}.out"), $"out{n}");
        }
        var suite = HumanEvalLoader.Load(Write("s.jsonl",
            """{"task_id": "p", "kind": "program", "time_limit_s": 2, "memory_mb": 64, "tests_dir": "t", "checker": "float:1e-6", "subtasks": [{"points": 40, "tests": [0]}, {"points": 60, "tests": [1, 2]}], "references": [{"language": "c++", "code": "int main(){}", "label": "fast"}], "compile_options": {"cpp": ["-O3"]}}"""));
        var spec = suite.Tasks.Single().Program!;
        Assert.Equal(["in1", "in2", "in10"], spec.Tests.Select(t => t.Input)); // numeric order
        Assert.Equal("float:1e-6", spec.Checker);
        Assert.Equal(100, spec.MaxScore);
        Assert.Equal("cpp", spec.References[0].Language);
        Assert.Equal(["-O3"], spec.CompileOptions["cpp"]);
    }

    [Fact]
    public void Every_problem_is_reported_with_its_line()
    {
        var path = Write("bad.jsonl",
            """{"task_id": "a", "kind": "program", "tests": [{"input": "1"}]}""",
            """{"task_id": "b", "kind": "program", "tests": [{"input": "1", "output": "1"}], "checker": "nearly", "subtasks": [{"points": 10, "tests": [3]}]}""",
            """{"task_id": "c", "kind": "program", "tests": [{"input": "1", "output": "1"}], "references": [{"language": "cobol", "code": "x"}]}""");
        var ex = Assert.Throws<SuiteFormatException>(() => HumanEvalLoader.Load(path));
        Assert.Contains("bad.jsonl:1: every test needs", ex.Message, StringComparison.Ordinal);
        Assert.Contains("bad.jsonl:2: checker 'nearly'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("bad.jsonl:2: a subtask needs", ex.Message, StringComparison.Ordinal);
        Assert.Contains("bad.jsonl:3: reference needs 'language'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_suite_cannot_mix_program_and_function_tasks()
    {
        var path = Write("mixed.jsonl",
            """{"task_id": "p", "kind": "program", "tests": [{"input": "1", "output": "1"}]}""",
            """{"task_id": "f", "prompt": "", "canonical_solution": "", "test": "", "entry_point": "f"}""");
        Assert.Contains("either program tasks or function tasks", Assert.Throws<SuiteFormatException>(() => HumanEvalLoader.Load(path)).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Samples_carry_their_language_and_python_is_the_default()
    {
        var suite = HumanEvalLoader.Load(Write("s.jsonl", """{"task_id": "p", "kind": "program", "tests": [{"input": "1", "output": "1"}]}"""));
        var set = SamplesReader.Read(Write("m.jsonl",
            """{"task_id": "p", "language": "cpp", "solution": "```cpp\nint main(){}\n```"}""",
            """{"task_id": "p", "solution": "print(1)"}""",
            """{"task_id": "p", "language": "cobol", "solution": "x"}""",
            """{"task_id": "p", "language": "c#", "completion": "class P{static void Main(){}}"}"""), suite);
        Assert.Equal(["cpp", "python", "csharp"], set.Samples.Select(s => s.Language));
        Assert.Equal("int main(){}\n", set.Samples[0].Program);
        Assert.Equal("class P{static void Main(){}}", set.Samples[2].Program); // a completion is the whole program
        Assert.Equal(3, Assert.Single(set.Problems).Line);
    }
}
