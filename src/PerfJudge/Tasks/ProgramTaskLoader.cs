using System.Globalization;
using System.Text.Json;

namespace PerfJudge.Tasks;

/// <summary>Reads a suite line of kind <c>program</c> (docs/suite-format.md, "Program tasks").</summary>
public static class ProgramTaskLoader
{
    /// <summary>The task of <paramref name="obj"/>, or null with its problems added to <paramref name="errors"/>;
    /// <paramref name="folder"/> resolves a relative <c>tests_dir</c>.</summary>
    public static CodeTask? Parse(JsonElement obj, string folder, string where, List<string> errors)
    {
        var before = errors.Count;
        var id = JsonLines.GetString(obj, "task_id", out var problem);
        if (problem is not null)
        {
            errors.Add($"{where}: {problem}");
        }
        var statement = Optional(obj, "statement") ?? "";
        var time = Number(obj, "time_limit_s", 1, where, errors);
        var memory = (int)Number(obj, "memory_mb", 256, where, errors);
        if (time is <= 0 or > 600 || memory is < 16 or > 65536)
        {
            errors.Add($"{where}: time_limit_s must be in (0, 600] and memory_mb in [16, 65536]");
        }
        var tests = Tests(obj, folder, where, errors);
        string? checker = "tokens";
        ProgramSource? checkerProgram = null;
        if (obj.TryGetProperty("checker", out var c))
        {
            if (c.ValueKind == JsonValueKind.String)
            {
                checker = c.GetString();
                if (!IsBuiltin(checker!))
                {
                    errors.Add($"{where}: checker '{checker}' is not exact, tokens, float:EPS or lines-unordered");
                }
            }
            else
            {
                checker = null;
                checkerProgram = Source(c, where + ": checker", errors);
            }
        }
        var subtasks = new List<Subtask>();
        if (obj.TryGetProperty("subtasks", out var subs) && subs.ValueKind == JsonValueKind.Array)
        {
            foreach (var s in subs.EnumerateArray())
            {
                var points = s.TryGetProperty("points", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetDouble() : -1;
                var indices = s.TryGetProperty("tests", out var t) && t.ValueKind == JsonValueKind.Array
                    ? t.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Number ? x.GetInt32() : -1).ToList() : [];
                if (points < 0 || indices.Count == 0 || indices.Any(i => i < 0 || i >= tests.Count))
                {
                    errors.Add($"{where}: a subtask needs points >= 0 and a non-empty 'tests' array of indices below {tests.Count}");
                }
                subtasks.Add(new Subtask(points, indices));
            }
        }
        var references = new List<ProgramSource>();
        if (obj.TryGetProperty("references", out var refs) && refs.ValueKind == JsonValueKind.Array)
        {
            foreach (var r in refs.EnumerateArray())
            {
                if (Source(r, where + ": reference", errors) is { } source)
                {
                    references.Add(source);
                }
            }
        }
        var options = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (obj.TryGetProperty("compile_options", out var opts) && opts.ValueKind == JsonValueKind.Object)
        {
            foreach (var o in opts.EnumerateObject())
            {
                options[Languages.Normalize(o.Name) ?? o.Name] = o.Value.ValueKind == JsonValueKind.Array
                    ? o.Value.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : [];
            }
        }
        var levels = Levels(obj, references.Count, where, errors);
        if (errors.Count != before)
        {
            return null;
        }
        var spec = new ProgramSpec(statement, time, memory, tests, checker, checkerProgram, subtasks, references, options, levels);
        return new CodeTask(id!, statement, references.FirstOrDefault()?.Code ?? "", "", "main", null, spec);
    }

    /// <summary>The optional <c>input_generator</c>, <c>levels</c> and <c>limit_references</c> (docs/suite-format.md).</summary>
    private static ProgramLevels? Levels(JsonElement obj, int referenceCount, string where, List<string> errors)
    {
        var hasGenerator = obj.TryGetProperty("input_generator", out var generator);
        if (!hasGenerator && !obj.TryGetProperty("levels", out _))
        {
            return null;
        }
        if (hasGenerator && generator.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{where}: field 'input_generator' must be a string (Python defining generate_input(size, lid, cid) -> str)");
            return null;
        }
        var levels = new List<EfficiencyLevel>();
        if (!obj.TryGetProperty("levels", out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            errors.Add($"{where}: field 'levels' must be a non-empty array of {{size, count, hardness}} or {{hardness, inputs}}");
            return null;
        }
        foreach (var level in array.EnumerateArray())
        {
            if (EfficiencyFields.ParseLevel(level, hasGenerator, out var problem, "stdin texts") is { } parsed)
            {
                levels.Add(parsed);
            }
            else
            {
                errors.Add($"{where}: field 'levels': {problem}");
            }
        }
        if (referenceCount == 0)
        {
            errors.Add($"{where}: a task with 'levels' needs 'references' (the first one's output is each case's expected output)");
        }
        var measured = Enumerable.Range(0, referenceCount).ToList();
        if (obj.TryGetProperty("level_references", out var chosen))
        {
            measured = chosen.ValueKind == JsonValueKind.Array
                ? chosen.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Number && x.TryGetInt32(out var i) ? i : -1).ToList() : [-1];
            if (measured.Count == 0 || measured.Any(i => i < 0 || i >= referenceCount) || measured.Distinct().Count() != measured.Count)
            {
                errors.Add($"{where}: field 'level_references' must be a non-empty array of distinct reference indices below {referenceCount}");
            }
        }
        int? limit = null;
        if (obj.TryGetProperty("limit_references", out var l))
        {
            if (l.ValueKind == JsonValueKind.Number && l.TryGetInt32(out var n) && n >= 1 && n <= measured.Count)
            {
                limit = n;
            }
            else
            {
                errors.Add($"{where}: field 'limit_references' must be an integer from 1 to the number of level references ({measured.Count})");
            }
        }
        return new ProgramLevels(hasGenerator ? generator.GetString()! : "", levels, measured, limit);
    }

    /// <summary>True when <paramref name="kind"/> names a built-in checker (<c>exact</c>, <c>tokens</c>, <c>float:EPS</c>, <c>lines-unordered</c>).</summary>
    public static bool IsBuiltin(string kind) => kind is "exact" or "tokens" or "lines-unordered"
        || (kind.StartsWith("float:", StringComparison.Ordinal)
            && double.TryParse(kind[6..], NumberStyles.Float, CultureInfo.InvariantCulture, out var eps) && eps >= 0);

    private static List<ProgramTest> Tests(JsonElement obj, string folder, string where, List<string> errors)
    {
        var tests = new List<ProgramTest>();
        if (obj.TryGetProperty("tests", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var t in array.EnumerateArray())
            {
                var input = t.ValueKind == JsonValueKind.Object ? Optional(t, "input") : null;
                var output = t.ValueKind == JsonValueKind.Object ? Optional(t, "output") : null;
                if (input is null || output is null)
                {
                    errors.Add($"{where}: every test needs string fields 'input' and 'output'");
                    return tests;
                }
                tests.Add(new ProgramTest(input, output));
            }
        }
        else if (Optional(obj, "tests_dir") is { } dir)
        {
            var full = Path.GetFullPath(Path.Combine(folder, dir));
            var inputs = Directory.Exists(full) ? Directory.GetFiles(full, "*.in") : [];
            foreach (var input in inputs.OrderBy(f => int.TryParse(Path.GetFileNameWithoutExtension(f), out var n) ? n : int.MaxValue)
                .ThenBy(f => f, StringComparer.Ordinal))
            {
                var output = Path.ChangeExtension(input, ".out");
                if (!File.Exists(output))
                {
                    errors.Add($"{where}: {output} is missing");
                    continue;
                }
                tests.Add(new ProgramTest(File.ReadAllText(input), File.ReadAllText(output)));
            }
        }
        if (tests.Count == 0)
        {
            errors.Add($"{where}: a program task needs 'tests' (array of {{input, output}}) or 'tests_dir' (N.in / N.out)");
        }
        return tests;
    }

    private static ProgramSource? Source(JsonElement e, string where, List<string> errors)
    {
        var language = e.ValueKind == JsonValueKind.Object ? Languages.Normalize(Optional(e, "language")) : null;
        var code = e.ValueKind == JsonValueKind.Object ? Optional(e, "code") : null;
        if (language is null || code is null)
        {
            errors.Add($"{where} needs 'language' ({string.Join(", ", Languages.All)}) and 'code'");
            return null;
        }
        return new ProgramSource(language, code, Optional(e, "label") ?? "");
    }

    private static string? Optional(JsonElement obj, string field) =>
        obj.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double Number(JsonElement obj, string field, double fallback, string where, List<string> errors)
    {
        if (!obj.TryGetProperty(field, out var v))
        {
            return fallback;
        }
        if (v.ValueKind != JsonValueKind.Number)
        {
            errors.Add($"{where}: field '{field}' must be a number");
            return fallback;
        }
        return v.GetDouble();
    }
}
