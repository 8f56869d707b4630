using PerfJudge.Metrics;

namespace PerfJudge.Tests.Metrics;

public class IdealizedRuntimeTests
{
    [Fact]
    public void Reproduces_the_worked_example_in_the_doc()
    {
        // docs/idealized-runtime.md: 7B parameters at 2 bytes on an A100-80GB SXM, 200 prompt and
        // 300 generated tokens. Prompt: 2.8e12 FLOP / 312e12 = 8.974e-3 s (compute-bound, the 1.4e10
        // weight bytes take 6.866e-3 s). Decode step: 1.4e10 B / 2.039e12 = 6.866e-3 s (bandwidth-bound).
        var e = IdealizedRuntime.Estimate(7e9, 2, 200, 300, AcceleratorCatalog.BuiltIn.Get("A100-80GB-SXM"));
        Assert.Equal(8.974e-3, e.PromptSeconds, 6);
        Assert.Equal(6.866e-3, e.SecondsPerOutputToken, 6);
        Assert.Equal(2.060, e.DecodeSeconds, 3);
        Assert.Equal(2.069, e.TotalSeconds, 3);
        Assert.True(e.PromptComputeBound);
        Assert.False(e.DecodeComputeBound);
    }

    [Fact]
    public void Model_spec_overload_agrees()
    {
        var a = IdealizedRuntime.Estimate(new ModelSpec("m", 13e9, 1), 50, 10, AcceleratorProfile.L4);
        var b = IdealizedRuntime.Estimate(13e9, 1, 50, 10, AcceleratorProfile.L4);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Short_prompt_is_bandwidth_bound_and_no_tokens_cost_nothing()
    {
        var h100 = AcceleratorProfile.H100Sxm;
        var one = IdealizedRuntime.Estimate(1e9, 2, 1, 0, h100);
        Assert.False(one.PromptComputeBound);
        Assert.Equal(2e9 / 3.35e12, one.PromptSeconds, 15);
        Assert.Equal(0, IdealizedRuntime.Estimate(1e9, 2, 0, 0, h100).TotalSeconds);
    }

    [Fact]
    public void Bigger_models_and_longer_outputs_cost_more()
    {
        var gpu = AcceleratorProfile.A100Sxm80GB;
        Assert.True(IdealizedRuntime.Estimate(13e9, 2, 100, 100, gpu).TotalSeconds > IdealizedRuntime.Estimate(7e9, 2, 100, 100, gpu).TotalSeconds);
        Assert.True(IdealizedRuntime.Estimate(7e9, 2, 100, 200, gpu).TotalSeconds > IdealizedRuntime.Estimate(7e9, 2, 100, 100, gpu).TotalSeconds);
    }

    [Theory]
    [InlineData(0.0, 2.0)]
    [InlineData(-1e9, 2.0)]
    [InlineData(double.NaN, 2.0)]
    [InlineData(7e9, 0.0)]
    public void Rejects_non_positive_sizes(double parameters, double bytes) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => IdealizedRuntime.Estimate(parameters, bytes, 1, 1, AcceleratorProfile.L4));

    [Fact]
    public void Lookup_ignores_case_and_lists_known_names_when_unknown()
    {
        Assert.Same(AcceleratorProfile.H100Sxm, AcceleratorCatalog.BuiltIn.Get("H100-SXM"));
        var error = Assert.Throws<ArgumentException>(() => AcceleratorCatalog.BuiltIn.Get("tpu-v9"));
        Assert.Contains("tpu-v9", error.Message, StringComparison.Ordinal);
        Assert.Contains("a100-80gb-sxm, h100-sxm, l4, rtx-4090", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_accepts_extra_profiles_but_not_clashing_names()
    {
        var catalog = AcceleratorCatalog.BuiltIn.With([new AcceleratorProfile("my-gpu", 1e14, 1e12)]);
        Assert.Equal(1e14, catalog.Get("MY-GPU").PeakFlops);
        Assert.Throws<ArgumentException>(() => AcceleratorCatalog.BuiltIn.With([new AcceleratorProfile("L4", 1, 1)]));
        Assert.Throws<ArgumentException>(() => new AcceleratorCatalog([new AcceleratorProfile("bad", 0, 1)]));
    }

    [Fact]
    public void Price_scales_with_generated_tokens()
    {
        Assert.Equal(0.0003, new ModelSpec("m", 1e9, 2, 0.6).PriceUsd(500)!.Value, 15);
        Assert.Null(new ModelSpec("m", 1e9, 2).PriceUsd(500));
    }
}
