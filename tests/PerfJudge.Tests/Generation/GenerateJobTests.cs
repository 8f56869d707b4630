using System.Text.Json.Nodes;
using PerfJudge.Generation;
using PerfJudge.Jobs;
using PerfJudge.Judging;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Generation;

/// <summary>GenerateJob against a real HTTP server on loopback.</summary>
public sealed class GenerateJobTests : IDisposable
{
    private static readonly RetryPolicy Fast = new(4, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5));
    private readonly string _dir = TestData.TempDir();
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    private string Out => Path.Combine(_dir, "samples.jsonl");

    private GenerateOptions Options(FakeOpenAiServer server, int n = 1, int concurrency = 1, RetryPolicy? retry = null) =>
        new("demo", "fake-coder", server.BaseUrl, null, Out, N: n, Concurrency: concurrency, Retry: retry ?? Fast);

    private Task<JobResult<GenerateOutcome>> RunAsync(GenerateOptions options, CancellationToken cancel = default) =>
        new GenerateJob(DemoModel.Resolver(), _http, TimeProvider.System).RunAsync(options, null, cancel);

    private List<JsonObject> Lines() => File.ReadAllLines(Out).Select(l => (JsonObject)JsonNode.Parse(l)!).ToList();

    [Fact]
    public async Task Retries_429_500_a_dropped_connection_a_cut_body_and_a_timeout()
    {
        using var server = new FakeOpenAiServer(r => r.Number switch
        {
            1 => new FakeReply.Json(429, """{"error":{"message":"rate limited"}}""", RetryAfter: 0),
            2 => new FakeReply.Json(500, """{"error":{"message":"boom"}}"""),
            3 => new FakeReply.Drop(),
            4 => new FakeReply.Cut(((FakeReply.Json)DemoModel.Correct(r)).Body),
            5 => new FakeReply.Slow(TimeSpan.FromSeconds(3), DemoModel.Correct(r)),
            _ => DemoModel.Correct(r),
        });
        var result = await RunAsync(Options(server, retry: Fast with { Retries = 6, AttemptTimeout = TimeSpan.FromMilliseconds(700) }));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var lines = Lines();
        Assert.Equal(9, lines.Count);
        Assert.Equal(9 + 5, server.Requests.Count);
        Assert.Equal(6, lines[0]["attempts"]!.GetValue<int>());
        Assert.All(lines.Skip(1), l => Assert.Equal(1, l["attempts"]!.GetValue<int>()));
        Assert.All(lines, l => Assert.Equal("fenced", l["extract"]!.GetValue<string>()));
        Assert.Equal(9, result.Value!.Generated);
    }

    [Fact]
    public async Task Requests_failing_after_every_retry_are_reported_and_a_rerun_asks_only_for_them()
    {
        var broken = true;
        using var server = new FakeOpenAiServer(r => broken && DemoModel.TaskOf(r).TaskId == "demo/3-fibonacci"
            ? new FakeReply.Json(503, "overloaded") : DemoModel.Correct(r));
        var first = await RunAsync(Options(server, n: 2, concurrency: 3, retry: Fast with { Retries = 2 }));

        Assert.False(first.Succeeded);
        var error = Assert.Single(first.Diagnostics, d => d.IsError);
        Assert.Equal(DiagnosticKind.Environment, error.Kind);
        Assert.Contains("2 request(s) failed after every retry (last: HTTP 503 after 3 attempt(s): overloaded)", error.Message, StringComparison.Ordinal);
        Assert.Equal(16, Lines().Count);
        Assert.Equal(16 + 2 * 3, server.Requests.Count);

        broken = false;
        var second = await RunAsync(Options(server, n: 2, concurrency: 3));
        Assert.True(second.Succeeded, string.Join("\n", second.Diagnostics));
        Assert.Equal((2, 16), (second.Value!.Generated, second.Value.Resumed));
        Assert.Equal(16 + 6 + 2, server.Requests.Count);
        Assert.Equal(2, Lines().Count(l => l["task_id"]!.GetValue<string>() == "demo/3-fibonacci"));
    }

    [Fact]
    public async Task A_crash_mid_run_loses_only_requests_in_flight_and_a_rerun_completes_the_file()
    {
        using var crash = new CancellationTokenSource();
        using var server = new FakeOpenAiServer(r =>
        {
            if (r.Number == 7)
            {
                crash.Cancel();
            }
            return DemoModel.Correct(r);
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(Options(server, n: 3, concurrency: 2), crash.Token));
        var kept = Lines().Count;
        Assert.InRange(kept, 4, 8);
        // The crash also cut the line being written.
        await File.AppendAllTextAsync(Out, """{"task_id": "demo/0-two_sum_exists", "model": "fake-coder", "solu""");
        var before = server.Requests.Count;

        var rerun = await RunAsync(Options(server, n: 3, concurrency: 2));

        Assert.True(rerun.Succeeded, string.Join("\n", rerun.Diagnostics));
        Assert.Contains(rerun.Diagnostics, d => d.Code == "generate.repaired");
        Assert.Equal(27 - kept, server.Requests.Count - before);
        var lines = Lines();
        Assert.Equal(27, lines.Count);
        Assert.All(lines.GroupBy(l => l["task_id"]!.GetValue<string>()), g => Assert.Equal(3, g.Count()));
    }

    [Fact]
    public async Task A_client_error_stops_the_run_without_retries()
    {
        using var server = new FakeOpenAiServer(_ => new FakeReply.Json(401, """{"error":{"message":"invalid api key"}}"""));
        var result = await RunAsync(Options(server, n: 2, concurrency: 1));

        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("generate.endpoint", error.Code);
        Assert.Contains("HTTP 401 after 1 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
        Assert.Empty(File.ReadAllText(Out));
    }

    [Fact]
    public async Task Prompts_are_built_as_evalplus_builds_them_and_the_key_is_sent()
    {
        using var server = new FakeOpenAiServer(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal)
            ? DemoModel.Correct(r) : FakeReply.Text("    return 0\n"));
        var chat = await RunAsync(Options(server) with { ApiKey = "sk-test", Temperature = 0.2, MaxTokens = 512 });
        Assert.True(chat.Succeeded, string.Join("\n", chat.Diagnostics));
        var first = server.Requests.First(r => r.Prompt.Contains("has_pair_with_sum", StringComparison.Ordinal));
        var task = DemoModel.Suite.Tasks[0];
        Assert.Equal("/v1/chat/completions", first.Path);
        Assert.Equal($"{GenerationPrompt.InstructionPrefix}\n```\n{task.Prompt.Trim()}\n```\n", first.Prompt);
        Assert.Equal(("fake-coder", 0.2, 512), (first.Body["model"]!.GetValue<string>(), first.Body["temperature"]!.GetValue<double>(),
            first.Body["max_tokens"]!.GetValue<int>()));
        Assert.Equal("Bearer sk-test", first.Authorization);

        File.Delete(Out);
        var completion = await RunAsync(Options(server) with { Style = PromptStyle.Completion });
        Assert.True(completion.Succeeded, string.Join("\n", completion.Diagnostics));
        var base_ = server.Requests.Last();
        Assert.Equal("/v1/completions", base_.Path);
        Assert.Contains(base_.Prompt, DemoModel.Suite.Tasks.Select(t => t.Prompt));
        Assert.Contains("\ndef ", base_.Body["stop"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Null(base_.Authorization);
        Assert.All(Lines(), l => Assert.Equal("    return 0\n", l["completion"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Token_counts_latency_and_price_are_recorded_per_sample()
    {
        var models = Path.Combine(_dir, "models.yaml");
        await File.WriteAllTextAsync(models, "models:\n  - name: fake-coder\n    parameters: 1.0e9\n    bytes_per_parameter: 2\n    price_per_1m_tokens: 2.5\n");
        using var server = new FakeOpenAiServer(r => FakeReply.Chat("```python\n    return 1\n```", prompt: 123, completion: 40));
        var result = await RunAsync(Options(server, n: 2, concurrency: 4) with { ModelsFile = models });

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.All(Lines(), l =>
        {
            Assert.Equal((40, 123), (l["completion_tokens"]!.GetValue<int>(), l["prompt_tokens"]!.GetValue<int>()));
            Assert.Equal(2.5 * 40 / 1e6, l["usd"]!.GetValue<double>(), 12);
            Assert.InRange(l["latency_s"]!.GetValue<double>(), 0, 5);
        });
        Assert.Equal((18 * 40L, 18 * 123L), (result.Value!.CompletionTokens, result.Value.PromptTokens));
        Assert.Equal(18 * 2.5 * 40 / 1e6, result.Value.Usd!.Value, 12);
    }

    public void Dispose() => _http.Dispose();
}
