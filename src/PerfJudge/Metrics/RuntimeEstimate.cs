namespace PerfJudge.Metrics;

/// <summary>Idealized runtime of one request, by phase (seconds).</summary>
/// <param name="PromptSeconds">Encoding the whole prompt in one pass.</param>
/// <param name="SecondsPerOutputToken">One decoding step.</param>
/// <param name="OutputTokens">Number of decoding steps.</param>
/// <param name="PromptComputeBound">True when the prompt phase is limited by FLOP/s, not bandwidth.</param>
/// <param name="DecodeComputeBound">True when a decoding step is limited by FLOP/s, not bandwidth.</param>
public sealed record RuntimeEstimate(double PromptSeconds, double SecondsPerOutputToken, int OutputTokens,
    bool PromptComputeBound, bool DecodeComputeBound)
{
    /// <summary>All decoding steps.</summary>
    public double DecodeSeconds => SecondsPerOutputToken * OutputTokens;

    /// <summary>Prompt encoding plus all decoding steps.</summary>
    public double TotalSeconds => PromptSeconds + DecodeSeconds;
}
