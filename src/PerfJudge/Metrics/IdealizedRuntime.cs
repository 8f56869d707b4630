namespace PerfJudge.Metrics;

/// <summary>Idealized runtime (Narayanan et al. 2023, "Cheaply Evaluating Inference Efficiency
/// Metrics for Autoregressive Transformer APIs"): the time a request would take on a fixed, uncontended
/// accelerator, so models can be compared apart from their providers' serving stacks. Estimated here
/// with a roofline model; each phase takes max(FLOPs / peak FLOP/s, bytes / memory bandwidth).</summary>
/// <remarks>Assumptions (all in docs/idealized-runtime.md): batch size 1; FLOPs ≈ 2 × parameters per
/// token (one multiply-add per weight), so attention over the context is ignored; the weights are read
/// from memory once for the whole prompt and once per generated token, and nothing else (KV cache and
/// activations) is counted; the model fits on one accelerator; peak figures are reached (no efficiency
/// factor); every generated token costs one decoding step.</remarks>
public static class IdealizedRuntime
{
    /// <summary>Estimates one request of <paramref name="promptTokens"/> prompt tokens and
    /// <paramref name="outputTokens"/> generated tokens.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive or a token count is negative.</exception>
    public static RuntimeEstimate Estimate(double parameters, double bytesPerParameter, int promptTokens, int outputTokens,
        AcceleratorProfile accelerator)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        RequirePositive(parameters, nameof(parameters));
        RequirePositive(bytesPerParameter, nameof(bytesPerParameter));
        RequirePositive(accelerator.PeakFlops, nameof(accelerator));
        RequirePositive(accelerator.MemoryBandwidth, nameof(accelerator));
        ArgumentOutOfRangeException.ThrowIfNegative(promptTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(outputTokens);

        var weightBytes = parameters * bytesPerParameter;
        var weightSeconds = weightBytes / accelerator.MemoryBandwidth;
        var flopsPerToken = 2 * parameters;

        var promptCompute = flopsPerToken * promptTokens / accelerator.PeakFlops;
        var promptMemory = promptTokens == 0 ? 0 : weightSeconds;
        var decodeCompute = flopsPerToken / accelerator.PeakFlops;
        return new RuntimeEstimate(Math.Max(promptCompute, promptMemory), Math.Max(decodeCompute, weightSeconds),
            outputTokens, promptCompute > promptMemory, decodeCompute > weightSeconds);
    }

    /// <summary>Estimates one request of <paramref name="model"/> on <paramref name="accelerator"/>.</summary>
    public static RuntimeEstimate Estimate(ModelSpec model, int promptTokens, int outputTokens, AcceleratorProfile accelerator)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Estimate(model.Parameters, model.BytesPerParameter, promptTokens, outputTokens, accelerator);
    }

    private static void RequirePositive(double value, string name)
    {
        if (!AcceleratorCatalog.IsPositive(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "must be a positive finite number");
        }
    }
}
