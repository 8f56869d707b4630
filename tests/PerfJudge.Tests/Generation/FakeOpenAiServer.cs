using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace PerfJudge.Tests.Generation;

/// <summary>What the fake server does with one request.</summary>
public abstract record FakeReply
{
    /// <summary>A JSON reply with a status (and optionally Retry-After seconds).</summary>
    public sealed record Json(int Status, string Body, int? RetryAfter = null) : FakeReply;
    /// <summary>Closes the connection without a reply.</summary>
    public sealed record Drop : FakeReply;
    /// <summary>Announces a body, sends half of it and closes the connection.</summary>
    public sealed record Cut(string Body) : FakeReply;
    /// <summary>Waits, then replies.</summary>
    public sealed record Slow(TimeSpan Delay, FakeReply Then) : FakeReply;

    /// <summary>A chat completion answer with token counts.</summary>
    public static FakeReply Chat(string content, string finish = "stop", int prompt = 100, int completion = 40) =>
        new Json(200, new JsonObject
        {
            ["id"] = "x", ["object"] = "chat.completion",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0, ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content }, ["finish_reason"] = finish,
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = prompt, ["completion_tokens"] = completion, ["total_tokens"] = prompt + completion },
        }.ToJsonString());

    /// <summary>A plain completion answer with token counts.</summary>
    public static FakeReply Text(string text, string finish = "stop", int prompt = 80, int completion = 20) =>
        new Json(200, new JsonObject
        {
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["text"] = text, ["finish_reason"] = finish }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = prompt, ["completion_tokens"] = completion },
        }.ToJsonString());
}

/// <summary>A request the fake server received.</summary>
public sealed record FakeRequest(int Number, string Path, JsonObject Body, string? Authorization)
{
    /// <summary>The chat user message, or the completion prompt.</summary>
    public string Prompt => Body["messages"]?[0]?["content"]?.GetValue<string>() ?? Body["prompt"]?.GetValue<string>() ?? "";
}

/// <summary>An OpenAI-compatible server on loopback (real HTTP through HttpListener): every request
/// goes to a script that says what to answer, so tests can fail, drop, cut or delay replies.</summary>
public sealed class FakeOpenAiServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<FakeRequest, FakeReply> _script;
    private readonly Task _loop;
    private int _count;

    /// <summary>Starts a server answering with <paramref name="script"/>.</summary>
    public FakeOpenAiServer(Func<FakeRequest, FakeReply> script)
    {
        _script = script;
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}/v1";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The API root to give the client.</summary>
    public string BaseUrl { get; }

    /// <summary>Every request received, in arrival order.</summary>
    public ConcurrentQueue<FakeRequest> Requests { get; } = new();

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = JsonNode.Parse(await reader.ReadToEndAsync()) as JsonObject ?? [];
            var request = new FakeRequest(Interlocked.Increment(ref _count), context.Request.Url!.AbsolutePath, body,
                context.Request.Headers["Authorization"]);
            Requests.Enqueue(request);
            await ReplyAsync(context.Response, _script(request));
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away (a timeout on its side): nothing to answer.
        }
    }

    private static async Task ReplyAsync(HttpListenerResponse response, FakeReply reply)
    {
        switch (reply)
        {
            case FakeReply.Slow slow:
                await Task.Delay(slow.Delay);
                await ReplyAsync(response, slow.Then);
                return;
            case FakeReply.Drop:
                response.Abort();
                return;
            case FakeReply.Cut cut:
                var all = Encoding.UTF8.GetBytes(cut.Body);
                response.StatusCode = 200;
                response.ContentType = "application/json";
                response.ContentLength64 = all.Length;
                await response.OutputStream.WriteAsync(all.AsMemory(0, all.Length / 2));
                await response.OutputStream.FlushAsync();
                response.Abort();
                return;
            case FakeReply.Json json:
                var bytes = Encoding.UTF8.GetBytes(json.Body);
                response.StatusCode = json.Status;
                response.ContentType = "application/json";
                if (json.RetryAfter is { } after)
                {
                    response.Headers["Retry-After"] = after.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                response.ContentLength64 = bytes.Length;
                await response.OutputStream.WriteAsync(bytes);
                response.Close();
                return;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
