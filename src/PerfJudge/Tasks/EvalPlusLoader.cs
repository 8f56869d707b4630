using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PerfJudge.Tasks;

/// <summary>Loads EvalPlus's data sets (HumanEval+ and MBPP+ releases): JSONL, optionally gzipped, with
/// task_id, prompt, entry_point, canonical_solution, base_input, plus_input, atol and contract.</summary>
public static class EvalPlusLoader
{
    /// <summary>Upstream location of HumanEval+ v0.1.10 (Apache-2.0).</summary>
    public const string HumanEvalPlusUrl = "https://github.com/evalplus/humanevalplus_release/releases/download/v0.1.10/HumanEvalPlus.jsonl.gz";

    /// <summary>Upstream location of MBPP+ v0.2.0 (Apache-2.0).</summary>
    public const string MbppPlusUrl = "https://github.com/evalplus/mbppplus_release/releases/download/v0.2.0/MbppPlus.jsonl.gz";

    private static readonly string[] Fields = ["task_id", "prompt", "entry_point", "canonical_solution", "contract"];

    // MBPP+ writes some floats as bare -Infinity/Infinity/NaN, which System.Text.Json refuses; they are
    // parsed as these marker strings and written back into the inputs' text, which Python's json reads.
    private static readonly string[] NonFinite = ["-Infinity", "Infinity", "NaN"];
    private const string Marker = "\"@@perfjudge.nonfinite:";

    /// <summary>True when the first line of <paramref name="path"/> looks like an EvalPlus task (has <c>plus_input</c>).</summary>
    public static bool Recognizes(string path)
    {
        using var reader = JsonLines.Open(path);
        string? line;
        while ((line = reader.ReadLine()) is not null && string.IsNullOrWhiteSpace(line))
        {
        }
        return line is not null && line.Contains("\"plus_input\"", StringComparison.Ordinal);
    }

    /// <summary>Loads a data set; every problem is reported in one exception with file, line and field.</summary>
    public static TaskSuite Load(string path, string? name = null)
    {
        if (!File.Exists(path))
        {
            throw new SuiteFormatException($"{path}: suite file not found");
        }
        var tasks = new List<CodeTask>();
        var errors = new List<string>();
        using (var reader = JsonLines.Open(path))
        {
            var number = 0;
            while (reader.ReadLine() is { } text)
            {
                number++;
                if (!string.IsNullOrWhiteSpace(text) && Parse(text, $"{path}:{number}", errors) is { } task)
                {
                    tasks.Add(task);
                }
            }
        }
        if (errors.Count == 0 && tasks.Count == 0)
        {
            errors.Add($"{path}: the suite has no tasks");
        }
        if (errors.Count > 0)
        {
            throw new SuiteFormatException(string.Join(Environment.NewLine, errors.Take(20)));
        }
        return new TaskSuite(name ?? Path.GetFileName(path), path, tasks);
    }

    private static CodeTask? Parse(string text, string where, List<string> errors)
    {
        JsonElement obj;
        try
        {
            using var doc = JsonDocument.Parse(Protect(text));
            obj = doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            errors.Add($"{where}: malformed JSON: {ex.Message}");
            return null;
        }
        if (obj.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{where}: expected a JSON object");
            return null;
        }
        var before = errors.Count;
        var values = Fields.Select(f =>
        {
            var value = JsonLines.GetString(obj, f, out var problem);
            if (problem is not null)
            {
                errors.Add($"{where}: {problem}");
            }
            return value ?? "";
        }).ToArray();
        var baseInputs = Inputs(obj, "base_input", where, errors, out var baseCount);
        var plusInputs = Inputs(obj, "plus_input", where, errors, out var plusCount);
        var atol = 0.0;
        if (!obj.TryGetProperty("atol", out var atolValue) || atolValue.ValueKind != JsonValueKind.Number
            || !atolValue.TryGetDouble(out atol) || atol < 0)
        {
            errors.Add($"{where}: field 'atol' must be a number >= 0");
        }
        if (errors.Count != before)
        {
            return null;
        }
        var id = values[0];
        var dataset = id.StartsWith("Mbpp/", StringComparison.Ordinal) ? "mbpp" : "humaneval";
        var test = obj.TryGetProperty("test", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
        // EvalPlus: a task without plus inputs is judged on its base inputs in the plus run as well.
        var spec = plusCount == 0
            ? new EvalPlusSpec(dataset, baseInputs, baseInputs, atol, values[4], baseCount, baseCount)
            : new EvalPlusSpec(dataset, baseInputs, plusInputs, atol, values[4], baseCount, plusCount);
        return new CodeTask(id, values[1], values[3], test, values[2], EvalPlus: spec);
    }

    private static string Inputs(JsonElement obj, string field, string where, List<string> errors, out int count)
    {
        count = 0;
        if (obj.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Object && !value.EnumerateObject().Any())
        {
            return "[]"; // MBPP+ writes an empty plus_input of Mbpp/793 as {}
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{where}: field '{field}' must be a list of argument lists");
            return "[]";
        }
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Array)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{where}: field '{field}': item {count} is not a list of arguments"));
                return "[]";
            }
            count++;
        }
        var raw = value.GetRawText();
        foreach (var token in NonFinite)
        {
            raw = raw.Replace(Marker + token + "\"", token, StringComparison.Ordinal);
        }
        return raw;
    }

    /// <summary>The line with every bare non-finite number (outside strings) replaced by its marker string.</summary>
    private static string Protect(string line)
    {
        if (!NonFinite.Any(t => line.Contains(t, StringComparison.Ordinal)))
        {
            return line;
        }
        var sb = new StringBuilder(line.Length + 64);
        var inString = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (inString)
            {
                sb.Append(c);
                if (c == '\\' && i + 1 < line.Length)
                {
                    sb.Append(line[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }
                continue;
            }
            if (c == '"')
            {
                inString = true;
                sb.Append(c);
                continue;
            }
            var token = NonFinite.FirstOrDefault(t => string.CompareOrdinal(line, i, t, 0, t.Length) == 0);
            if (token is not null)
            {
                sb.Append(Marker).Append(token).Append('"');
                i += token.Length - 1;
                continue;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }
}
