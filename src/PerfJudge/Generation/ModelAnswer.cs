namespace PerfJudge.Generation;

/// <summary>One answer of a model endpoint.</summary>
/// <param name="Text">The generated text (message content, or completion text).</param>
/// <param name="FinishReason">Why generation stopped (<c>stop</c>, <c>length</c>, ...), when the API says.</param>
/// <param name="PromptTokens">Prompt tokens as counted by the API.</param>
/// <param name="CompletionTokens">Generated tokens as counted by the API.</param>
/// <param name="LatencySeconds">Wall time of the successful request, from sending to the whole body read.</param>
/// <param name="Attempts">Requests made, including retries.</param>
public sealed record ModelAnswer(string Text, string? FinishReason, int? PromptTokens, int? CompletionTokens,
    double LatencySeconds, int Attempts);
