using PerfJudge.Metrics;
using PerfJudge.Reports;

namespace PerfJudge.Tests.Reports;

public class ModelsFileTests
{
    private static ModelsFileException Invalid(string yaml) =>
        Assert.Throws<ModelsFileException>(() => ModelsFile.Parse(yaml, "models.yaml"));

    [Fact]
    public void Parses_a_valid_file()
    {
        var file = ModelsFile.Parse("""
            accelerators:            # optional, extra profiles
              - name: my-gpu
                peak_flops: 1.0e14
                memory_bandwidth: 1.0e12
            models:
              - name: hare-13b
                parameters: 13.0e9
                bytes_per_parameter: 2
                price_per_1m_tokens: 0.6
                accelerator: MY-GPU
              - name: tortoise-7b
                parameters: 7e9
                bytes_per_parameter: 0.5
                accelerator: h100-sxm
            """);
        Assert.Equal([new AcceleratorProfile("my-gpu", 1e14, 1e12)], file.Accelerators);
        Assert.Equal(new ModelSpec("hare-13b", 13e9, 2, 0.6, "MY-GPU"), file.Models[0]);
        Assert.Equal(new ModelSpec("tortoise-7b", 7e9, 0.5, null, "h100-sxm"), file.Models[1]);
        Assert.Equal(1e12, file.Catalog.Get(file.Models[0].Accelerator!).MemoryBandwidth);
    }

    [Fact]
    public void Missing_field_names_the_entry_line()
    {
        var error = Assert.Single(Invalid("""
            models:
              - name: a
                parameters: 1e9
                bytes_per_parameter: 2
              - name: b
                bytes_per_parameter: 2
            """).Errors);
        Assert.Equal("models.yaml:5: field 'parameters': missing", error.ToString());
    }

    [Fact]
    public void Bad_numbers_are_all_reported_with_their_lines()
    {
        var e = Invalid("""
            models:
              - name: a
                parameters: -7e9
                bytes_per_parameter: two
                price_per_1m_tokens: -1
            """);
        Assert.Equal([
            "models.yaml:3: field 'parameters': must be a positive number",
            "models.yaml:4: field 'bytes_per_parameter': must be a positive number",
            "models.yaml:5: field 'price_per_1m_tokens': must be a non-negative number"],
            e.Errors.Select(x => x.ToString()));
        Assert.Contains("models.yaml:3: field 'parameters'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_accelerator_lists_the_known_ones()
    {
        var error = Assert.Single(Invalid("""
            models:
              - name: a
                parameters: 1e9
                bytes_per_parameter: 2
                accelerator: tpu-v9
            """).Errors);
        Assert.Equal(5, error.Line);
        Assert.Equal("accelerator", error.Field);
        Assert.Contains("'tpu-v9'", error.Message, StringComparison.Ordinal);
        Assert.Contains("a100-80gb-sxm", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_model_and_accelerator_names_are_rejected()
    {
        var e = Invalid("""
            accelerators:
              - name: L4
                peak_flops: 1e14
                memory_bandwidth: 1e12
            models:
              - name: a
                parameters: 1e9
                bytes_per_parameter: 2
              - name: a
                parameters: 2e9
                bytes_per_parameter: 2
            """);
        Assert.Equal([2L, 9L], e.Errors.Select(x => x.Line));
        Assert.All(e.Errors, x => Assert.Equal("name", x.Field));
        Assert.Contains("model 'a' is already defined", e.Errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_fields_and_missing_models_are_reported()
    {
        var e = Invalid("""
            modles:
              - name: a
            """);
        Assert.Equal(["models.yaml:1: field 'modles': unknown field; expected one of accelerators, models",
            "models.yaml:1: field 'models': missing"], e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void Syntax_errors_carry_a_line()
    {
        var error = Assert.Single(Invalid("models:\n  - name: a\n    parameters: [1\n").Errors);
        Assert.True(error.Line >= 3);
        Assert.Null(error.Field);
    }

    [Fact]
    public void Empty_or_scalar_documents_are_rejected()
    {
        Assert.Single(Invalid("").Errors);
        Assert.Single(Invalid("just text").Errors);
    }

    [Fact]
    public void Load_names_the_path_in_errors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pj-models-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "models:\n  - name: a\n    parameters: 0\n    bytes_per_parameter: 2\n");
        try
        {
            var e = Assert.Throws<ModelsFileException>(() => ModelsFile.Load(path));
            Assert.StartsWith($"{path}:3: field 'parameters'", e.Errors[0].ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
