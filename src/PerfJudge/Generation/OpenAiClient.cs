using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PerfJudge.Generation;

/// <summary>An OpenAI-compatible endpoint (<c>/chat/completions</c>, <c>/completions</c>): OpenAI, vLLM,
/// llama.cpp, Ollama, TGI... Transient failures (429, 5xx, 408, dropped connections, timeouts, a cut
/// or unreadable body) are retried with exponential backoff and jitter by a Polly pipeline; any other
/// 4xx is fatal, since every request would get it.</summary>
public sealed class OpenAiClient
{
    private readonly HttpClient _http;
    private readonly Uri _baseUrl;
    private readonly string? _apiKey;
    private readonly RetryPolicy _policy;
    private readonly TimeProvider _time;

    /// <summary>Creates a client.</summary>
    /// <param name="http">The HTTP client (its own timeout should be infinite: attempts are timed by <paramref name="policy"/>).</param>
    /// <param name="baseUrl">The API root, e.g. <c>http://localhost:8000/v1</c>.</param>
    /// <param name="apiKey">Bearer token; null sends none (local servers).</param>
    /// <param name="policy">Retries and timeouts.</param>
    /// <param name="time">Clock of backoffs, timeouts and latencies.</param>
    public OpenAiClient(HttpClient http, Uri baseUrl, string? apiKey, RetryPolicy policy, TimeProvider time)
    {
        _http = http;
        _baseUrl = baseUrl;
        _apiKey = apiKey;
        _policy = policy;
        _time = time;
    }

    /// <summary>Sends <paramref name="request"/>, retrying transient failures. Failures come back as values.</summary>
    public async Task<ModelCall> CompleteAsync(GenerationRequest request, CancellationToken cancel)
    {
        var attempts = 0;
        var pipeline = Pipeline(cancel);
        var body = Body(request);
        var url = new Uri(_baseUrl.AbsoluteUri.TrimEnd('/') + (request.Style == PromptStyle.Chat ? "/chat/completions" : "/completions"));
        try
        {
            var last = await pipeline.ExecuteAsync(async token =>
            {
                attempts++;
                return await SendAsync(url, body, request.Style, token);
            }, cancel);
            if (last.Answer is { } answer)
            {
                return new ModelCall(answer with { Attempts = attempts });
            }
            var fatal = last.Status is >= 400 and < 500 and not 408 and not 429;
            return new ModelCall(null, $"HTTP {last.Status} after {attempts} attempt(s): {Snippet(last.Body)}", fatal);
        }
        catch (Exception ex) when (!cancel.IsCancellationRequested && IsTransient(ex))
        {
            return new ModelCall(null, $"{ex.GetType().Name} after {attempts} attempt(s): {ex.Message}");
        }
    }

    private ResiliencePipeline<Attempt> Pipeline(CancellationToken cancel) =>
        new ResiliencePipelineBuilder<Attempt> { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions<Attempt>
            {
                MaxRetryAttempts = _policy.Retries,
                Delay = _policy.FirstDelay,
                MaxDelay = _policy.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex
                    ? !cancel.IsCancellationRequested && IsTransient(ex)
                    : args.Outcome.Result is { } r && Retryable(r)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter is { } after
                    ? (TimeSpan?)(after < _policy.MaxDelay ? after : _policy.MaxDelay)
                    : null),
            })
            .AddTimeout(_policy.AttemptTimeout)
            .Build();

    private static bool IsTransient(Exception ex) =>
        ex is HttpRequestException or IOException or TimeoutRejectedException or OperationCanceledException;

    private static bool Retryable(Attempt a) => a.Status is 408 or 429 or >= 500 || (a.Status == 200 && a.Answer is null);

    private async Task<Attempt> SendAsync(Uri url, string body, PromptStyle style, CancellationToken token)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (_apiKey is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        }
        var started = _time.GetTimestamp();
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, token);
        var text = await response.Content.ReadAsStringAsync(token);
        var seconds = _time.GetElapsedTime(started).TotalSeconds;
        var status = (int)response.StatusCode;
        var retryAfter = response.Headers.RetryAfter?.Delta
            ?? (response.Headers.RetryAfter?.Date is { } date ? date - _time.GetUtcNow() : null);
        var answer = response.StatusCode == HttpStatusCode.OK ? Parse(text, style, seconds) : null;
        return new Attempt(status, text, retryAfter, answer);
    }

    private static string Body(GenerationRequest r)
    {
        var body = new JsonObject { ["model"] = r.Model, ["temperature"] = r.Temperature, ["n"] = 1 };
        if (r.Style == PromptStyle.Chat)
        {
            body["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = r.Prompt });
        }
        else
        {
            body["prompt"] = r.Prompt;
        }
        if (r.MaxTokens is { } max)
        {
            body["max_tokens"] = max;
        }
        if (r.Stop.Count > 0)
        {
            body["stop"] = new JsonArray(r.Stop.Select(s => (JsonNode)s).ToArray());
        }
        return body.ToJsonString();
    }

    /// <summary>The answer in an OpenAI-format reply, or null when the body is not one (a cut or garbled body).</summary>
    internal static ModelAnswer? Parse(string text, PromptStyle style, double seconds)
    {
        try
        {
            if (JsonNode.Parse(text) is not JsonObject root || root["choices"] is not JsonArray { Count: > 0 } choices
                || choices[0] is not JsonObject choice)
            {
                return null;
            }
            JsonNode? content;
            if (style == PromptStyle.Chat)
            {
                if (choice["message"] is not JsonObject message)
                {
                    return null;
                }
                content = message["content"];
            }
            else
            {
                content = choice["text"];
            }
            var kind = content?.GetValueKind() ?? JsonValueKind.Null;
            if (kind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                return null;
            }
            var usage = root["usage"] as JsonObject;
            var finish = choice["finish_reason"]?.GetValueKind() == JsonValueKind.String ? choice["finish_reason"]!.GetValue<string>() : null;
            return new ModelAnswer(kind == JsonValueKind.String ? content!.GetValue<string>() : "", finish,
                Int(usage?["prompt_tokens"]), Int(usage?["completion_tokens"]), seconds, 1);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int? Int(JsonNode? node) => node?.GetValueKind() == JsonValueKind.Number ? (int)node.GetValue<double>() : null;

    private static string Snippet(string body) =>
        body.Length <= 300 ? body.Trim() : string.Create(CultureInfo.InvariantCulture, $"{body[..300].Trim()}... ({body.Length} chars)");

    private sealed record Attempt(int Status, string Body, TimeSpan? RetryAfter, ModelAnswer? Answer);
}
