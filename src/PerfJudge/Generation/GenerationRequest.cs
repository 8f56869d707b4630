namespace PerfJudge.Generation;

/// <summary>One request to a model endpoint.</summary>
/// <param name="Model">The model name the endpoint serves.</param>
/// <param name="Style">Chat or plain completion.</param>
/// <param name="Prompt">The user message (chat) or the text to continue (completion).</param>
/// <param name="Temperature">Sampling temperature.</param>
/// <param name="MaxTokens">Limit of generated tokens; null: the server's default.</param>
/// <param name="Stop">Stop sequences (plain completions).</param>
public sealed record GenerationRequest(string Model, PromptStyle Style, string Prompt, double Temperature, int? MaxTokens,
    IReadOnlyList<string> Stop);
