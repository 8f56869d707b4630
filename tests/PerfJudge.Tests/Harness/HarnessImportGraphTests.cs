using System.Text.Json;

namespace PerfJudge.Tests.Harness;

/// <summary>The harness's modules in layers: the import graph (read with Python's own parser, every
/// import statement, also ones inside functions) has no cycle, every import points to the same or a
/// lower layer, and the entry module, which holds the checker's main loop, is imported by nothing.</summary>
public class HarnessImportGraphTests
{
    /// <summary>Layer of every harness module, lowest first. A new module must be placed here.</summary>
    private static readonly Dictionary<string, int> Layers = new(StringComparer.Ordinal)
    {
        // 0: wire and literals
        ["pj_wire"] = 0, ["pj_literal"] = 0,
        // 1: processes: the candidate's side, the zygote, the checker's handle on a candidate
        ["pj_candidate"] = 1, ["pj_zygote"] = 1, ["pj_process"] = 1, ["pj_cgroup"] = 1, ["pj_cleanup"] = 1,
        // 2: verdicts and meters
        ["pj_verdicts"] = 2, ["pj_meters"] = 2, ["pj_margin"] = 2,
        // 3: cases: inputs, generators, the task's checker
        ["pj_cases"] = 3, ["pj_bounded"] = 3, ["pj_enamel_helpers"] = 3, ["pj_checkers"] = 3, ["pj_toolchains"] = 3,
        ["pj_evalplus"] = 3, ["pj_examples"] = 3,
        // 4: graders
        ["pj_tests"] = 4, ["pj_run"] = 4, ["pj_perf"] = 4, ["pj_measure"] = 4, ["pj_refcosts"] = 4,
        ["pj_fuzz"] = 4, ["pj_stress"] = 4, ["pj_program"] = 4, ["pj_program_levels"] = 4, ["pj_evalplus_grade"] = 4, ["pj_mutants"] = 4,
        ["pj_cgcount"] = 4, ["pj_hybrid"] = 4,
        // 5: the entry: zygote start and the checker's main loop
        ["harness"] = 5,
        // stand-alone script run under valgrind by the callgrind meter; imports nothing of the harness
        ["pj_cg_run"] = 5, ["pj_cg_batch"] = 5, ["pj_mountns"] = 5,
    };

    private const string ReadGraph = """
        import ast, json, os, sys
        root = sys.argv[1]
        names = {f[:-3] for f in os.listdir(root) if f.endswith(".py")}
        graph = {}
        for name in sorted(names):
            with open(os.path.join(root, name + ".py"), encoding="utf-8") as f:
                tree = ast.parse(f.read(), name)
            deps = set()
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    deps.update(a.name.split(".")[0] for a in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    deps.add(node.module.split(".")[0])
            graph[name] = sorted(deps & names)
        print(json.dumps(graph))
        """;

    private static async Task<Dictionary<string, List<string>>> GraphAsync()
    {
        var run = await HarnessPython.RunAsync(["-c", ReadGraph, HarnessPython.HarnessDir()]);
        Assert.True(run.ExitCode == 0, run.Err);
        return JsonSerializer.Deserialize<Dictionary<string, List<string>>>(run.Out)!;
    }

    [Fact]
    public async Task The_import_graph_has_no_cycle()
    {
        var graph = await GraphAsync();
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the path, 2 done
        var path = new List<string>();
        string? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in graph[node])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return string.Join(" -> ", path.SkipWhile(n => n != next).Append(next));
                }
                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } cycle)
            {
                Assert.Fail("import cycle: " + cycle);
            }
        }
    }

    [Fact]
    public async Task Every_import_points_to_the_same_or_a_lower_layer()
    {
        var graph = await GraphAsync();
        var problems = new List<string>();
        foreach (var (module, deps) in graph)
        {
            if (!Layers.TryGetValue(module, out var layer))
            {
                problems.Add($"{module} has no layer (add it to {nameof(Layers)})");
                continue;
            }
            problems.AddRange(deps.Where(d => Layers.GetValueOrDefault(d, int.MaxValue) > layer)
                .Select(d => $"{module} (layer {layer}) imports {d} (layer {Layers.GetValueOrDefault(d, -1)})"));
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task The_entry_module_with_the_main_loop_is_imported_by_nothing()
    {
        var graph = await GraphAsync();
        var entry = Path.GetFileNameWithoutExtension(global::PerfJudge.Runners.Python.HarnessFile.EntryModule);
        Assert.Contains(entry, graph.Keys);
        var importers = graph.Where(kv => kv.Value.Contains(entry)).Select(kv => kv.Key).ToList();
        Assert.True(importers.Count == 0, "imported by " + string.Join(", ", importers));
        // The main loop is the entry's: no other module reads requests.
        var readers = graph.Keys.Where(m => m != entry && File.ReadAllText(Path.Combine(HarnessPython.HarnessDir(), m + ".py"))
            .Contains("read_request(", StringComparison.Ordinal) && m != "pj_wire").ToList();
        Assert.True(readers.Count == 0, "requests are read in " + string.Join(", ", readers));
    }
}
