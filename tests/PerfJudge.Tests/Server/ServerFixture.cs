using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using PerfJudge.Jobs;
using PerfJudge.Judging;
using PerfJudge.Server;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Server;

/// <summary>A real judge server on a loopback port, with the real sandbox and the demo suite.</summary>
public sealed class ServerFixture : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServerFixture(WebApplication app, string store)
    {
        _app = app;
        Store = store;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(120) };
    }

    /// <summary>A client of the server.</summary>
    public HttpClient Client { get; }

    /// <summary>The server's result store.</summary>
    public string Store { get; }

    /// <summary>Starts a server with <paramref name="configure"/> applied to the defaults.</summary>
    public static async Task<ServerFixture> StartAsync(Func<ServerConfig, ServerConfig>? configure = null, string? store = null)
    {
        store ??= Path.Combine(TestData.TempDir(), "results.db");
        var config = new ServerConfig { Urls = "http://127.0.0.1:0", Workers = 2, Store = store, Suites = ["demo"] };
        config = configure?.Invoke(config) ?? config;
        var diagnostics = new List<Diagnostic>();
        var app = await ServeHost.StartAsync(config, new SandboxEngineFactory(), global::PerfJudge.Cli.CliSuites.Resolver(), diagnostics,
            CancellationToken.None) ?? throw new InvalidOperationException(string.Join("\n", diagnostics));
        await app.StartAsync();
        return new ServerFixture(app, store);
    }

    /// <summary>Posts <paramref name="json"/> to <paramref name="path"/>.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, string json, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }
        return Client.SendAsync(request);
    }

    /// <summary>Posts and reads the JSON answer.</summary>
    public async Task<(int Status, JsonNode? Body)> PostJsonAsync(string path, object body, string? key = null)
    {
        var response = await PostAsync(path, System.Text.Json.JsonSerializer.Serialize(body), key);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
