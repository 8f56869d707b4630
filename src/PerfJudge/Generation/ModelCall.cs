namespace PerfJudge.Generation;

/// <summary>The outcome of asking a model: an answer, or why there is none.</summary>
/// <param name="Answer">The answer; null when the request failed.</param>
/// <param name="Error">Why it failed (status and the server's message, or the transport error).</param>
/// <param name="Fatal">True when retrying cannot help any request (bad key, unknown model, bad URL: 4xx other than 408/429).</param>
public sealed record ModelCall(ModelAnswer? Answer, string? Error = null, bool Fatal = false);
