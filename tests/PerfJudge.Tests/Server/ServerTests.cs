using System.Text.Json.Nodes;
using PerfJudge.Server;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Server;

/// <summary>The HTTP judge over real HTTP on loopback, with the real sandbox.</summary>
[Collection(SandboxTests.Name)]
public class ServerTests
{
    private static readonly string DemoSamples = Path.Combine(AppContext.BaseDirectory, "suites", "demo", "samples.jsonl");

    [Fact]
    public async Task The_server_gives_the_same_verdicts_as_the_cli_for_the_demo_suite()
    {
        var json = Path.Combine(TestData.TempDir(), "cli.json");
        var cli = await CliRunner.RunAsync("eval", "--no-cache", "--json", json);
        Assert.Equal(0, cli.ExitCode);
        var lines = File.ReadAllLines(DemoSamples).Select(l => JsonNode.Parse(l)!).ToList();
        await using var server = await ServerFixture.StartAsync();
        var (status, body) = await server.PostJsonAsync("/v1/judge/batch", new
        {
            requests = lines.Select(l => new { task_id = l["task_id"]!.GetValue<string>(), code = l["completion"]!.GetValue<string>(), code_kind = "completion" }),
        });
        Assert.Equal(200, status);
        var served = body!["results"]!.AsArray().Select(r => r!["verdict"]!.GetValue<string>()).ToList();
        var judged = cli.Json!["results"]!.AsArray().Select(r => r!["verdict"]!.GetValue<string>()).ToList();
        Assert.Equal(judged, served);
        Assert.All(body["results"]!.AsArray(), r => Assert.Equal(r!["verdict"]!.GetValue<string>() == "passed" ? 1.0 : 0.0, r["reward"]!.GetValue<double>()));
    }

    [Fact]
    public async Task Bad_requests_get_4xx_with_a_clear_message()
    {
        await using var server = await ServerFixture.StartAsync(c => c with { MaxBodyBytes = 4096 });
        async Task Expect(int status, string code, HttpResponseMessage response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(status == (int)response.StatusCode, $"{(int)response.StatusCode}: {text}");
            var error = JsonNode.Parse(text)!["error"]!;
            Assert.Equal(code, error["code"]!.GetValue<string>());
            Assert.False(string.IsNullOrWhiteSpace(error["message"]!.GetValue<string>()));
        }
        await Expect(400, "bad_json", await server.PostAsync("/v1/judge", "{\"task_id\": "));
        await Expect(400, "bad_json", await server.PostAsync("/v1/judge", "{\"task_id\": \"demo/1-count_distinct\", \"code\": \"x\", \"colour\": 1}"));
        await Expect(413, "too_large", await server.PostAsync("/v1/judge", "{\"code\": \"" + new string('x', 10_000) + "\"}"));
        await Expect(404, "unknown_task", await server.PostAsync("/v1/judge", "{\"task_id\": \"nope\", \"code\": \"x\"}"));
        await Expect(400, "bad_request", await server.PostAsync("/v1/judge", "{\"task_id\": \"demo/1-count_distinct\", \"code\": \"x\", \"language\": \"cobol\"}"));
        await Expect(400, "bad_request", await server.PostAsync("/v1/judge", "{\"code\": \"x\"}"));
        await Expect(400, "bad_request", await server.PostAsync("/v1/judge", "{\"task_id\": \"demo/1-count_distinct\", \"code\": \"x\", \"language\": \"cpp\"}"));
        await Expect(400, "bad_request", await server.PostAsync("/v1/judge/batch", "{\"requests\": []}"));
        await Expect(400, "bad_request", await server.PostAsync("/v1/judge", "{\"program_tests\": [], \"code\": \"x\"}"));
        await Expect(400, "bad_request", await server.PostAsync("/v1/judge", "{\"program_tests\": [{\"input\": \"\", \"output\": \"\"}], \"checker\": \"close\", \"code\": \"x\"}"));
        await Expect(415, "unsupported_media_type", await server.Client.PostAsync("/v1/judge", new StringContent("{}")));
        await Expect(404, "not_found", await server.Client.GetAsync("/v2/nothing"));
        await Expect(404, "unknown_task", await server.Client.GetAsync("/v1/tasks/nope"));
    }

    [Fact]
    public async Task Keys_are_required_when_configured_and_each_key_has_its_rate()
    {
        var key = "s3cret-" + Guid.NewGuid().ToString("N");
        await using var server = await ServerFixture.StartAsync(c => c with
        {
            Keys = [new ApiKeyConfig { Name = "trainer", Sha256 = ApiKeyConfig.Hash(key), RequestsPerMinute = 6 }],
        });
        var body = new { task_id = "demo/1-count_distinct", code = "    return len(set(values))\n", code_kind = "completion" };
        Assert.Equal(401, (await server.PostJsonAsync("/v1/judge", body)).Status);
        Assert.Equal(401, (await server.PostJsonAsync("/v1/judge", body, key + "x")).Status);
        Assert.Equal(200, (await server.PostJsonAsync("/v1/judge", body, key)).Status);
        var second = await server.PostAsync("/v1/judge", System.Text.Json.JsonSerializer.Serialize(body), key);
        Assert.Equal(429, (int)second.StatusCode);
        Assert.True(second.Headers.RetryAfter?.Delta?.TotalSeconds >= 1);
        Assert.Contains("rate_limited", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_full_queue_answers_429_with_retry_after_and_every_admitted_request_is_judged()
    {
        await using var server = await ServerFixture.StartAsync(c => c with { Workers = 1, QueueCapacity = 1 });
        var sleepy = Enumerable.Range(0, 6).Select(i => server.PostAsync("/v1/judge", System.Text.Json.JsonSerializer.Serialize(new
        {
            task_id = "demo/1-count_distinct", code = $"import time\ntime.sleep(0.8)  # {i}\ndef count_distinct(values):\n    return len(set(values))\n",
        }))).ToList();
        var answers = await Task.WhenAll(sleepy);
        var codes = answers.Select(a => (int)a.StatusCode).ToList();
        Assert.Contains(429, codes);
        Assert.Contains(200, codes);
        Assert.All(codes, c => Assert.Contains(c, new[] { 200, 429 }));
        Assert.All(answers.Where(a => (int)a.StatusCode == 429), a => Assert.NotNull(a.Headers.RetryAfter));
        var passed = 0;
        foreach (var a in answers.Where(a => a.IsSuccessStatusCode))
        {
            passed += JsonNode.Parse(await a.Content.ReadAsStringAsync())!["verdict"]!.GetValue<string>() == "passed" ? 1 : 0;
        }
        Assert.Equal(codes.Count(c => c == 200), passed);
    }

    [Fact]
    public async Task Health_metrics_tasks_and_the_openapi_document_answer_and_replies_survive_a_restart()
    {
        var store = Path.Combine(TestData.TempDir(), "results.db");
        var body = new { task_id = "demo/1-count_distinct", code = "    return len(set(values))  # restart\n", code_kind = "completion" };
        await using (var first = await ServerFixture.StartAsync(store: store))
        {
            var (_, judged) = await first.PostJsonAsync("/v1/judge", body);
            Assert.False(judged!["cached"]!.GetValue<bool>());
            var metrics = await first.Client.GetStringAsync("/metrics");
            Assert.Contains("perfjudge_requests_total{endpoint=\"judge\",status=\"200\"} 1", metrics, StringComparison.Ordinal);
            Assert.Contains("perfjudge_verdicts_total{verdict=\"passed\"} 1", metrics, StringComparison.Ordinal);
            Assert.Contains("perfjudge_request_seconds_bucket", metrics, StringComparison.Ordinal);
            Assert.Contains("perfjudge_queue_depth 0", metrics, StringComparison.Ordinal);
            var health = JsonNode.Parse(await first.Client.GetStringAsync("/healthz"))!;
            Assert.Equal("ok", health["status"]!.GetValue<string>());
            Assert.Equal(9, JsonNode.Parse(await first.Client.GetStringAsync("/v1/tasks"))!.AsArray().Count);
            var task = JsonNode.Parse(await first.Client.GetStringAsync("/v1/tasks/demo/1-count_distinct"))!;
            Assert.Equal("count_distinct", task["entry_point"]!.GetValue<string>());
            var openapi = JsonNode.Parse(await first.Client.GetStringAsync("/openapi/v1.json"))!;
            Assert.NotNull(openapi["paths"]!["/v1/judge"]);
            Assert.NotNull(openapi["paths"]!["/v1/judge/batch"]);
            Assert.NotNull(openapi["paths"]!["/run_code"]);
        }
        await using var second = await ServerFixture.StartAsync(store: store);
        var (_, again) = await second.PostJsonAsync("/v1/judge", body);
        Assert.True(again!["cached"]!.GetValue<bool>());
    }

    [Fact]
    public void A_server_reachable_from_other_machines_needs_keys()
    {
        var diagnostics = new List<global::PerfJudge.Judging.Diagnostic>();
        Assert.Null(ServeHost.Configure(null, "http://0.0.0.0:8080", [], null, null, null, diagnostics));
        Assert.Contains(diagnostics, d => d.Field == "--urls");
        Assert.NotNull(ServeHost.Configure(null, "http://127.0.0.1:8080;http://localhost:9000", [], null, null, null, []));
    }
}
