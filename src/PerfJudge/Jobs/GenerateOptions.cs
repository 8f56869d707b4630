using PerfJudge.Generation;
using PerfJudge.Judging;

namespace PerfJudge.Jobs;

/// <summary>What <c>generate</c> is asked to do. Validated once; every problem is reported together.</summary>
/// <param name="Suite">Built-in suite name or suite file.</param>
/// <param name="Model">Model name sent to the endpoint and written in every sample's <c>model</c> field.</param>
/// <param name="BaseUrl">API root of an OpenAI-compatible server, e.g. <c>http://localhost:8000/v1</c>.</param>
/// <param name="ApiKey">Bearer token (read from the environment by the front end); null sends none.</param>
/// <param name="Out">Samples JSONL written (appended to, and resumed from).</param>
/// <param name="N">Samples per task.</param>
/// <param name="Temperature">Sampling temperature.</param>
/// <param name="MaxTokens">Limit of generated tokens per sample; null: the server's default.</param>
/// <param name="Concurrency">Requests in flight at most.</param>
/// <param name="Style">Chat (instruct models) or plain completions (base models).</param>
/// <param name="ModelsFile">Models file with prices, for <c>usd</c> per sample.</param>
/// <param name="Retry">Retries, backoff and per-attempt timeout.</param>
public sealed record GenerateOptions(string Suite, string Model, string BaseUrl, string? ApiKey, string Out, int N = 10,
    double Temperature = 0.8, int? MaxTokens = null, int Concurrency = 8, PromptStyle Style = PromptStyle.Chat,
    string? ModelsFile = null, RetryPolicy? Retry = null)
{
    /// <summary>Every problem with these options.</summary>
    public IReadOnlyList<Diagnostic> Validate()
    {
        var problems = new List<Diagnostic>();
        if (string.IsNullOrWhiteSpace(Model))
        {
            problems.Add(Diagnostic.Usage("--model", "is required: the model name the endpoint serves"));
        }
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            problems.Add(Diagnostic.Usage("--base-url", $"'{BaseUrl}' is not an http(s) URL (e.g. http://localhost:8000/v1)"));
        }
        if (string.IsNullOrWhiteSpace(Out))
        {
            problems.Add(Diagnostic.Usage("--out", "is required: the samples file to write"));
        }
        if (N is < 1 or > 10_000)
        {
            problems.Add(Diagnostic.Usage("--n", "must be between 1 and 10000"));
        }
        if (Temperature is not (>= 0 and <= 2))
        {
            problems.Add(Diagnostic.Usage("--temperature", "must be between 0 and 2"));
        }
        if (MaxTokens is < 1)
        {
            problems.Add(Diagnostic.Usage("--max-tokens", "must be a positive integer"));
        }
        if (Concurrency is < 1 or > 1024)
        {
            problems.Add(Diagnostic.Usage("--concurrency", "must be between 1 and 1024"));
        }
        if (Retry is { } r && (r.Retries < 0 || r.FirstDelay < TimeSpan.Zero || r.AttemptTimeout <= TimeSpan.Zero))
        {
            problems.Add(Diagnostic.Usage("--retries", "retries must be 0 or more, delays and timeouts positive"));
        }
        return problems;
    }
}
