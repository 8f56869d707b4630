using System.CommandLine;
using PerfJudge.Generation;
using PerfJudge.Jobs;
using PerfJudge.Judging;

namespace PerfJudge.Cli;

/// <summary>The options of generation, declared once for <c>generate</c> and <c>eval --generate</c>.</summary>
public sealed class GenerateOptionSet
{
    private readonly Option<string> _model = new("--model") { Description = "Model name the endpoint serves (also the samples' 'model' field)" };
    private readonly Option<string> _baseUrl = new("--base-url") { Description = "API root of an OpenAI-compatible server, e.g. http://localhost:8000/v1" };
    private readonly Option<string> _apiKeyEnv = new("--api-key-env") { Description = "Environment variable holding the API key (unset: no key sent)", DefaultValueFactory = _ => "OPENAI_API_KEY" };
    private readonly Option<int> _n = new("--n") { Description = "Samples per task", DefaultValueFactory = _ => 10 };
    private readonly Option<double> _temperature = new("--temperature") { Description = "Sampling temperature", DefaultValueFactory = _ => 0.8 };
    private readonly Option<int?> _maxTokens = new("--max-tokens") { Description = "Generated tokens per sample at most (default: the server's)" };
    private readonly Option<int> _concurrency = new("--concurrency") { Description = "Requests in flight at most", DefaultValueFactory = _ => 8 };
    private readonly Option<string> _style = new("--style") { Description = "chat (instruct models, /chat/completions) or completion (base models, /completions)", DefaultValueFactory = _ => "chat" };
    private readonly Option<string?> _models = new("--models") { Description = "Models file with prices: each sample records 'usd'" };
    private readonly Option<int> _retries = new("--retries") { Description = "Retries of a failed request (429, 5xx, dropped connection, timeout)", DefaultValueFactory = _ => RetryPolicy.Default.Retries };
    private readonly Option<double> _retryDelay = new("--retry-delay") { Description = "First backoff, seconds (doubled each retry, with jitter)", DefaultValueFactory = _ => RetryPolicy.Default.FirstDelay.TotalSeconds };
    private readonly Option<double> _requestTimeout = new("--request-timeout") { Description = "Seconds one request may take", DefaultValueFactory = _ => RetryPolicy.Default.AttemptTimeout.TotalSeconds };

    /// <summary>Declares the options.</summary>
    public GenerateOptionSet() => _style.AcceptOnlyFromAmong("chat", "completion");

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _model, _baseUrl, _apiKeyEnv, _n, _temperature, _maxTokens, _concurrency, _style, _models, _retries, _retryDelay, _requestTimeout })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The generation options the user gave; problems the options record cannot see (an
    /// explicitly named key variable that is unset) go to <paramref name="problems"/>.</summary>
    public GenerateOptions Read(ParseResult parse, string suite, string? output, ICollection<Diagnostic> problems)
    {
        var keyVariable = parse.GetValue(_apiKeyEnv)!;
        var key = Environment.GetEnvironmentVariable(keyVariable);
        if (string.IsNullOrEmpty(key) && parse.GetResult(_apiKeyEnv) is { Implicit: false })
        {
            problems.Add(Diagnostic.Usage("--api-key-env", $"environment variable '{keyVariable}' is not set"));
        }
        var delay = Math.Max(0, parse.GetValue(_retryDelay));
        var policy = new RetryPolicy(parse.GetValue(_retries), TimeSpan.FromSeconds(delay),
            TimeSpan.FromSeconds(Math.Max(60, delay)), TimeSpan.FromSeconds(Math.Max(0.001, parse.GetValue(_requestTimeout))));
        var model = parse.GetValue(_model) ?? "";
        return new GenerateOptions(suite, model, parse.GetValue(_baseUrl) ?? "", string.IsNullOrEmpty(key) ? null : key,
            output ?? "", parse.GetValue(_n), parse.GetValue(_temperature), parse.GetValue(_maxTokens), parse.GetValue(_concurrency),
            parse.GetValue(_style) == "completion" ? PromptStyle.Completion : PromptStyle.Chat, parse.GetValue(_models), policy);
    }
}
