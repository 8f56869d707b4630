using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace PerfJudge.Tasks;

/// <summary>Loads the ENAMEL benchmark (Qiu et al., ICLR 2025) from its CSV: one row per HumanEval
/// task with an input generator, four level sizes, an expert reference and a checker.</summary>
public static class EnamelLoader
{
    /// <summary>Upstream location of the data set (Apache-2.0).</summary>
    public const string Url = "https://raw.githubusercontent.com/q-rz/enamel/main/dataset/enamel.csv";

    /// <summary>Tasks ENAMEL leaves out because their reference runs in constant time.</summary>
    public static readonly IReadOnlySet<int> Unscored = new HashSet<int>
    {
        2, 23, 41, 45, 53, 60, 71, 92, 97, 99, 102, 123, 124, 135, 137, 138, 144, 148, 156, 157, 159, 160,
    };

    /// <summary>Tests per level and hardness weights of the default protocol.</summary>
    public static readonly IReadOnlyList<(int Count, double Hardness)> DefaultLevels = [(8, 0), (4, 3), (4, 3), (4, 4)];

    private static readonly string[] Columns =
        ["task_id", "prompt", "input_generator", "input_levels", "reference_solution", "checker", "entry_point"];

    /// <summary>Loads the suite; every malformed row is reported with its line and column.</summary>
    public static TaskSuite Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new SuiteFormatException($"{path}: ENAMEL file not found");
        }
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { MissingFieldFound = null });
        if (!csv.Read() || !csv.ReadHeader())
        {
            throw new SuiteFormatException($"{path}: empty file");
        }
        var missing = Columns.Where(c => !csv.HeaderRecord!.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw new SuiteFormatException($"{path}:1: missing column(s) {string.Join(", ", missing)}");
        }
        var tasks = new List<CodeTask>();
        var errors = new List<string>();
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            var task = ParseRow(csv, path, line, errors);
            if (task is not null)
            {
                tasks.Add(task);
            }
        }
        if (errors.Count > 0)
        {
            throw new SuiteFormatException(string.Join(Environment.NewLine, errors.Take(20)));
        }
        return new TaskSuite("enamel", path, tasks);
    }

    private static CodeTask? ParseRow(CsvReader csv, string path, int line, List<string> errors)
    {
        string Field(string name) => csv.GetField(name) ?? "";
        var id = Field("task_id");
        var before = errors.Count;
        foreach (var name in Columns.Where(c => c != "reference_solution" && string.IsNullOrWhiteSpace(Field(c))))
        {
            errors.Add($"{path}:{line}: field '{name}' is empty");
        }
        var sizes = new List<long>();
        foreach (var part in Field("input_levels").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            {
                sizes.Add(size);
            }
            else
            {
                errors.Add($"{path}:{line}: field 'input_levels': '{part}' is not a size");
            }
        }
        if (sizes.Count != DefaultLevels.Count)
        {
            errors.Add($"{path}:{line}: field 'input_levels': expected {DefaultLevels.Count} sizes, found {sizes.Count}");
        }
        var number = id.StartsWith("HumanEval/", StringComparison.Ordinal)
            && int.TryParse(id["HumanEval/".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
        if (number < 0)
        {
            errors.Add($"{path}:{line}: field 'task_id': '{id}' is not HumanEval/N");
        }
        if (errors.Count != before)
        {
            return null;
        }
        var prompt = Field("prompt");
        var reference = Field("reference_solution");
        var levels = sizes.Select((s, i) => new EfficiencyLevel(s, DefaultLevels[i].Count, DefaultLevels[i].Hardness)).ToList();
        var spec = new EfficiencySpec(Field("input_generator"), levels, Field("checker"),
            [CodeTask.JoinProgram(prompt, reference)], !Unscored.Contains(number));
        return new CodeTask(id, prompt, reference, "", Field("entry_point"), spec);
    }
}
