using PerfJudge.Reports;
using PerfJudge.Tests.Reports;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Cli;

public sealed class ParetoCompareCommandTests
{
    private readonly string _dir = TestData.TempDir();

    private string WriteFixture()
    {
        var path = Path.Combine(_dir, "fixture.json");
        File.WriteAllText(path, ResultsDocument.Render(ReportFixture.Build()));
        return path;
    }

    private string WriteModels(string yaml)
    {
        var path = Path.Combine(_dir, "models.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public async Task Pareto_from_a_sample_field_and_from_the_models_file()
    {
        var results = WriteFixture();
        var tokens = await CliRunner.RunAsync("pareto", "--run", results, "--cost", "completion_tokens", "--quality", "pass@1");
        Assert.True(tokens.ExitCode == 0, tokens.Err);
        Assert.Contains("front (cheapest first): alpha-7b -> evil<script>", tokens.Out, StringComparison.Ordinal);

        // alpha-7b: fewer parameters but lower pass@1 -> both on the front; a bigger model with the
        // same pass@1 as alpha is dominated by alpha alone.
        var models = WriteModels($"""
            models:
              - name: alpha-7b
                parameters: 7.0e9
                bytes_per_parameter: 2
                price_per_1m_tokens: 10
              - name: '{ReportFixture.HostileModel}'
                parameters: 70.0e9
                bytes_per_parameter: 2
                price_per_1m_tokens: 1
            """);
        var json = Path.Combine(_dir, "pareto.json");
        var price = await CliRunner.RunAsync("pareto", "--run", results, "--cost", "price", "--models", models, "--quality", "pass@1", "-f", "json", "-o", json);
        Assert.True(price.ExitCode == 0, price.Err);
        var doc = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(json))!;
        // The hostile model costs 1 USD/1M x 435 tokens; alpha 10 USD/1M x 173.3 tokens: the hostile one is
        // cheaper and better, so it dominates alpha.
        var alpha = doc["points"]!.AsArray().First(p => p!["model"]!.GetValue<string>() == "alpha-7b")!;
        Assert.False(alpha["on_front"]!.GetValue<bool>());
        Assert.Equal(ReportFixture.HostileModel, alpha["dominated_by"]![0]!.GetValue<string>());
        Assert.Equal(10 * (120 + 140 + 80 + 90 + 300 + 310) / 6.0 / 1e6, alpha["cost"]!.GetValue<double>(), 12);
        // The cost's interval is the bootstrap of the mean over the six samples: inside [min, max], around the mean.
        var costCi = alpha["cost_ci"]!.AsArray().Select(v => v!.GetValue<double>()).ToList();
        Assert.InRange(costCi[0], 10 * 80 / 1e6, alpha["cost"]!.GetValue<double>());
        Assert.InRange(costCi[1], alpha["cost"]!.GetValue<double>(), 10 * 310 / 1e6);
        Assert.True(costCi[1] > costCi[0]);
        // The quality's interval is the summary's.
        var summary = ReportFixture.Build().RealModels.First(m => m.Model == "alpha-7b").Metrics["pass@1"];
        Assert.Equal([summary.Low!.Value, summary.High!.Value], alpha["quality_ci"]!.AsArray().Select(v => v!.GetValue<double>()));

        var runtime = await CliRunner.RunAsync("pareto", "--run", results, "--cost", "idealized-runtime", "--models", models, "--accelerator", "h100-sxm");
        Assert.True(runtime.ExitCode == 0, runtime.Err);
        Assert.Contains("idealized runtime per sample, s (h100-sxm)", runtime.Out, StringComparison.Ordinal);
        // Without --accelerator each model's own (or the default) is used, and named.
        var own = await CliRunner.RunAsync("pareto", "--run", results, "--cost", "idealized-runtime", "--models", models, "-f", "json");
        Assert.True(own.ExitCode == 0, own.Err);
        Assert.Contains("idealized runtime per sample, s (a100-80gb-sxm)", own.Out, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Pareto_errors_name_the_problem()
    {
        var results = WriteFixture();
        var noModels = await CliRunner.RunAsync("pareto", "--run", results, "--cost", "price");
        Assert.Equal(2, noModels.ExitCode);
        Assert.Contains("--cost price needs --models FILE", noModels.Err, StringComparison.Ordinal);

        var badMetric = await CliRunner.RunAsync("pareto", "--run", results, "--quality", "pass@100");
        Assert.Equal(2, badMetric.ExitCode);
        Assert.Contains("no metric 'pass@100'", badMetric.Err, StringComparison.Ordinal);

        var models = WriteModels("models:\n  - name: alpha-7b\n    parameters: -1\n    bytes_per_parameter: 2\n");
        var badFile = await CliRunner.RunAsync("pareto", "--run", results, "--cost", "parameters", "--models", models);
        Assert.Equal(1, badFile.ExitCode);
        Assert.Contains("models.yaml:3: field 'parameters'", badFile.Err, StringComparison.Ordinal);

        var good = WriteModels("models:\n  - name: alpha-7b\n    parameters: 7e9\n    bytes_per_parameter: 2\n");
        var badAcc = await CliRunner.RunAsync("pareto", "--run", results, "--cost", "idealized-runtime", "--models", good, "--accelerator", "tpu-v9");
        Assert.Equal(2, badAcc.ExitCode);
        Assert.Contains("unknown 'tpu-v9'", badAcc.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_two_models_of_one_run_and_one_model_across_runs()
    {
        var results = WriteFixture();
        var same = await CliRunner.RunAsync("compare", results);
        Assert.True(same.ExitCode == 0, same.Err);
        Assert.Contains("3 shared tasks", same.Out, StringComparison.Ordinal);
        Assert.Contains("efficiency", same.Out, StringComparison.Ordinal);
        Assert.Contains("T/<script>x</script>", same.Out, StringComparison.Ordinal);

        var md = await CliRunner.RunAsync("compare", results, results, "--model-a", "alpha-7b", "-f", "md");
        Assert.True(md.ExitCode == 0, md.Err);
        Assert.Contains("| pass rate | 0.667 | 0.667 | 0.000 |", md.Out, StringComparison.Ordinal);

        var unknown = await CliRunner.RunAsync("compare", results, "--model-a", "nope", "--model-b", "alpha-7b");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no model 'nope' in A", unknown.Err, StringComparison.Ordinal);
    }
}
