using System.Text.Json;

namespace PerfJudge.Tasks;

/// <summary>Optional efficiency fields of a HumanEval-format suite line, so a project can author its
/// own efficiency suites (docs/suite-format.md):
/// <c>input_generator</c> (Python defining <c>generate_input(size, lid, cid)</c>),
/// <c>levels</c> (array of {size, count, hardness}, or {hardness, inputs} with literal inputs:
/// Python literals of argument tuples, as <c>perfjudge stress</c> writes them), optional <c>checker</c> (Python defining
/// <c>__check(input, answer, output)</c>; default: same type and value), optional
/// <c>references</c> (completions appended to the prompt; default: the canonical solution; the
/// first gives the expected answers).</summary>
public static class EfficiencyFields
{
    /// <summary>The default checker: the output has the expected type and value.</summary>
    public const string DefaultChecker = "def __check(input, answer, output):\n    return type(output) == type(answer) and output == answer\n";

    /// <summary>Parses the fields, or returns null when the line has neither <c>input_generator</c> nor <c>levels</c>.</summary>
    public static EfficiencySpec? Parse(JsonElement obj, string prompt, string canonical, string where, List<string> errors)
    {
        var hasGenerator = obj.TryGetProperty("input_generator", out var generator);
        if (!hasGenerator && !obj.TryGetProperty("levels", out _))
        {
            return null;
        }
        var before = errors.Count;
        if (hasGenerator && generator.ValueKind != JsonValueKind.String)
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
                var parsed = ParseLevel(level, hasGenerator, out var problem);
                if (parsed is null)
                {
                    errors.Add($"{where}: field 'levels': {problem}");
                }
                else
                {
                    levels.Add(parsed);
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
        int? limitReferences = null;
        if (obj.TryGetProperty("limit_references", out var limit))
        {
            if (limit.ValueKind == JsonValueKind.Number && limit.TryGetInt32(out var n) && n >= 1 && n <= references.Count)
            {
                limitReferences = n;
            }
            else
            {
                errors.Add($"{where}: field 'limit_references' must be an integer from 1 to the number of references ({references.Count})");
            }
        }
        return errors.Count != before ? null
            : new EfficiencySpec(hasGenerator ? generator.GetString()! : "", levels, checker, references, Scored: true, limitReferences);
    }

    /// <summary>One level of a <c>levels</c> array, or null with the <paramref name="problem"/>;
    /// <paramref name="inputsAre"/> says what a literal input is (in messages).</summary>
    internal static EfficiencyLevel? ParseLevel(JsonElement level, bool hasGenerator, out string? problem,
        string inputsAre = "Python literals of argument tuples")
    {
        problem = null;
        if (level.ValueKind != JsonValueKind.Object
            || !level.TryGetProperty("hardness", out var hardness) || !hardness.TryGetDouble(out var hardnessValue) || hardnessValue < 0)
        {
            problem = "each level needs a hardness >= 0";
            return null;
        }
        long sizeValue = 0;
        var hasSize = level.TryGetProperty("size", out var size);
        if (hasSize && !size.TryGetInt64(out sizeValue))
        {
            problem = "a level's size must be an integer";
            return null;
        }
        var hasCount = level.TryGetProperty("count", out var count);
        var countValue = 0;
        if (hasCount && (!count.TryGetInt32(out countValue) || countValue <= 0))
        {
            problem = "a level's count must be a positive integer";
            return null;
        }
        if (level.TryGetProperty("inputs", out var inputs))
        {
            if (inputs.ValueKind != JsonValueKind.Array || inputs.GetArrayLength() == 0
                || inputs.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.String))
            {
                problem = $"a level's inputs must be a non-empty array of strings ({inputsAre})";
                return null;
            }
            var literals = inputs.EnumerateArray().Select(i => i.GetString()!).ToList();
            if (hasCount && countValue != literals.Count)
            {
                problem = $"a level has count {countValue} but {literals.Count} inputs";
                return null;
            }
            return new EfficiencyLevel(sizeValue, literals.Count, hardnessValue, literals);
        }
        if (!hasGenerator || !hasSize || !hasCount)
        {
            problem = hasGenerator
                ? "each level needs an integer size, a positive count and a hardness >= 0 (or literal inputs)"
                : "without an input_generator, every level needs literal inputs";
            return null;
        }
        return new EfficiencyLevel(sizeValue, countValue, hardnessValue);
    }
}
