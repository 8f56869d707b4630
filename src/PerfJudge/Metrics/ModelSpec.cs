namespace PerfJudge.Metrics;

/// <summary>What the cost model needs to know about a model.</summary>
/// <param name="Name">The model's name, as in samples files.</param>
/// <param name="Parameters">Number of parameters (e.g. 13e9).</param>
/// <param name="BytesPerParameter">Bytes per stored weight (2 for BF16/FP16, 1 for 8-bit, 0.5 for 4-bit).</param>
/// <param name="PricePer1MTokens">Optional USD price per million generated tokens.</param>
/// <param name="Accelerator">Optional name of the accelerator to estimate idealized runtime on.</param>
public sealed record ModelSpec(string Name, double Parameters, double BytesPerParameter,
    double? PricePer1MTokens = null, string? Accelerator = null)
{
    /// <summary>USD price of <paramref name="generatedTokens"/> generated tokens; null without a price.</summary>
    public double? PriceUsd(long generatedTokens) => PricePer1MTokens * generatedTokens / 1e6;
}
