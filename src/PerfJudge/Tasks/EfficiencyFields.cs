using System.Text.Json;

namespace PerfJudge.Tasks;

/// <summary>Optional efficiency fields of a HumanEval-format suite line, so a project can author its
/// own efficiency suites (docs/suite-format.md):
/// <c>input_generator</c> (Python defining <c>generate_input(size, lid, cid)</c>),
/// <c>levels</c> (array of {size, count, hardness}), optional <c>checker</c> (Python defining
/// <c>__check(input, answer, output)</c>; default: same type and value), optional
/// <c>references</c> (completions appended to the prompt; default: the canonical solution; the
/// first gives the expected answers).</summary>
public static class EfficiencyFields
{
    /// <summary>The default checker: the output has the expected type and value.</summary>
    public const string DefaultChecker = "def __check(input, answer, output):\n    return type(output) == type(answer) and output == answer\n";

    /// <summary>Parses the fields, or returns null when the line has no <c>input_generator</c>.</summary>
    public static EfficiencySpec? Parse(JsonElement obj, string prompt, string canonical, string where, List<string> errors)
    {
        if (!obj.TryGetProperty("input_generator", out var generator))
        {
            return null;
        }
        var before = errors.Count;
        if (generator.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{where}: field 'input_generator' must be a string");
        }
        var levels = new List<EfficiencyLevel>();
        if (!obj.TryGetProperty("levels", out var levelArray) || levelArray.ValueKind != JsonValueKind.Array || levelArray.GetArrayLength() == 0)
        {
            errors.Add($"{where}: field 'levels' must be a non-empty array of {{size, count, hardness}}");
        }
        else
        {
            foreach (var level in levelArray.EnumerateArray())
            {
                if (level.ValueKind == JsonValueKind.Object
                    && level.TryGetProperty("size", out var size) && size.TryGetInt64(out var sizeValue)
                    && level.TryGetProperty("count", out var count) && count.TryGetInt32(out var countValue) && countValue > 0
                    && level.TryGetProperty("hardness", out var hardness) && hardness.TryGetDouble(out var hardnessValue) && hardnessValue >= 0)
                {
                    levels.Add(new EfficiencyLevel(sizeValue, countValue, hardnessValue));
                }
                else
                {
                    errors.Add($"{where}: field 'levels': each level needs an integer size, a positive count and a hardness >= 0");
                }
            }
        }
        var checker = DefaultChecker;
        if (obj.TryGetProperty("checker", out var checkerValue))
        {
            if (checkerValue.ValueKind == JsonValueKind.String)
            {
                checker = checkerValue.GetString()!;
            }
            else
            {
                errors.Add($"{where}: field 'checker' must be a string");
            }
        }
        var references = new List<string>();
        if (obj.TryGetProperty("references", out var refs))
        {
            if (refs.ValueKind == JsonValueKind.Array && refs.EnumerateArray().All(r => r.ValueKind == JsonValueKind.String))
            {
                references.AddRange(refs.EnumerateArray().Select(r => CodeTask.JoinProgram(prompt, r.GetString()!)));
            }
            else
            {
                errors.Add($"{where}: field 'references' must be an array of strings");
            }
        }
        if (references.Count == 0)
        {
            references.Add(CodeTask.JoinProgram(prompt, canonical));
        }
        return errors.Count != before ? null : new EfficiencySpec(generator.GetString()!, levels, checker, references, Scored: true);
    }
}
