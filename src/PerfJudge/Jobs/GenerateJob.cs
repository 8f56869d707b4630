using System.Text.Json.Nodes;
using PerfJudge.Generation;
using PerfJudge.Judging;
using PerfJudge.Reports;
using PerfJudge.Tasks;

namespace PerfJudge.Jobs;

/// <summary><c>generate</c>: asks an OpenAI-compatible endpoint for <c>n</c> samples per task of a suite
/// and writes a samples file <c>eval</c> reads, with each sample's tokens, latency and price. Resumable:
/// samples already in the file are not asked for again.</summary>
public sealed class GenerateJob
{
    private readonly SuiteResolver _suites;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    /// <summary>Creates the job. <paramref name="http"/> is the client requests go through (tests give
    /// one that talks to a server on loopback); its own timeout should be infinite.</summary>
    public GenerateJob(SuiteResolver suites, HttpClient http, TimeProvider time)
    {
        _suites = suites;
        _http = http;
        _time = time;
    }

    /// <summary>Generates the missing samples. Expected failures come back as diagnostics; cancellation
    /// throws <see cref="OperationCanceledException"/> with every finished sample already in the file.</summary>
    public async Task<JobResult<GenerateOutcome>> RunAsync(GenerateOptions options, IProgress<JobProgress>? progress, CancellationToken cancel)
    {
        var diagnostics = new List<Diagnostic>(options.Validate());
        if (diagnostics.Any(d => d.IsError))
        {
            return JobFailure.Of<GenerateOutcome>(diagnostics);
        }
        if (await JobFailure.ResolveSuiteAsync(_suites, options.Suite, diagnostics, cancel) is not { } suite)
        {
            return JobFailure.Of<GenerateOutcome>(diagnostics);
        }
        var price = Price(options, diagnostics);
        if (diagnostics.Any(d => d.IsError))
        {
            return JobFailure.Of<GenerateOutcome>(diagnostics);
        }
        if (options.N > 1 && options.Temperature == 0)
        {
            diagnostics.Add(Diagnostic.Warning("generate.temperature", "temperature 0 with n > 1: the samples of a task will mostly be identical"));
        }
        var clock = _time.GetTimestamp();
        using var file = GeneratedSamplesFile.Open(options.Out, options.Model);
        if (file.Repaired > 0)
        {
            diagnostics.Add(Diagnostic.Note("generate.repaired", $"{options.Out}: removed a cut last line ({file.Repaired} bytes) left by an interrupted run"));
        }
        var work = suite.Tasks.SelectMany(t => Enumerable.Repeat(t, Math.Max(0, options.N - file.Finished.GetValueOrDefault(t.TaskId)))).ToList();
        var resumed = suite.Tasks.Sum(t => Math.Min(options.N, file.Finished.GetValueOrDefault(t.TaskId)));
        var total = resumed + work.Count;
        if (resumed > 0)
        {
            diagnostics.Add(Diagnostic.Note("generate.resume", $"{resumed} sample(s) already in {options.Out}; generating the other {work.Count}"));
        }
        var client = new OpenAiClient(_http, new Uri(options.BaseUrl), options.ApiKey, options.Retry ?? RetryPolicy.Default, _time);
        var tally = new Tally();
        progress?.Report(new JobProgress(resumed, total, resumed, "samples"));
        using var fatal = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        try
        {
            await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = fatal.Token },
                async (task, token) =>
                {
                    var call = await client.CompleteAsync(Request(options, task), token);
                    if (call.Answer is not { } answer)
                    {
                        tally.Fail(call.Error!, call.Fatal);
                        if (call.Fatal)
                        {
                            await fatal.CancelAsync();
                        }
                        return;
                    }
                    var code = AnswerExtractor.Extract(answer.Text, task, options.Style, answer.FinishReason);
                    file.Append(Line(options, task, answer, code, price));
                    var done = tally.Add(answer, code, price);
                    progress?.Report(new JobProgress(resumed + done, total, resumed, "samples"));
                });
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested && tally.FatalError is not null)
        {
            diagnostics.Add(Diagnostic.Environment("generate.endpoint", $"{options.BaseUrl}: {tally.FatalError} (nothing retried: every request would fail alike)"));
        }
        if (tally.Failed > 0 && tally.FatalError is null)
        {
            diagnostics.Add(Diagnostic.Environment("generate.failed",
                $"{tally.Failed} request(s) failed after every retry (last: {tally.LastError}); rerun the same command to ask for the missing samples"));
        }
        if (tally.NoCode + tally.Truncated > 0)
        {
            diagnostics.Add(Diagnostic.Warning("generate.answers",
                $"{tally.NoCode} answer(s) held no code and {tally.Truncated} were cut off (field 'extract' of the samples); they are kept and will be judged as they are"));
        }
        var outcome = new GenerateOutcome(options.Out, suite.Tasks.Count, tally.Done, resumed, total - resumed - tally.Done, tally.NoCode,
            tally.Truncated, tally.PromptTokens, tally.CompletionTokens, price is null ? null : tally.Usd, _time.GetElapsedTime(clock).TotalSeconds);
        return new JobResult<GenerateOutcome>(outcome, diagnostics);
    }

    private static GenerationRequest Request(GenerateOptions options, CodeTask task) => options.Style == PromptStyle.Chat
        ? new GenerationRequest(options.Model, PromptStyle.Chat, GenerationPrompt.Chat(task), options.Temperature, options.MaxTokens, [])
        : new GenerationRequest(options.Model, PromptStyle.Completion, GenerationPrompt.Completion(task), options.Temperature, options.MaxTokens,
            GenerationPrompt.CompletionStops);

    private static double? Price(GenerateOptions options, List<Diagnostic> diagnostics)
    {
        if (options.ModelsFile is null)
        {
            return null;
        }
        try
        {
            var spec = ModelsFile.Load(options.ModelsFile).Models.FirstOrDefault(m => m.Name == options.Model);
            if (spec?.PricePer1MTokens is null)
            {
                diagnostics.Add(Diagnostic.Note("generate.price", $"{options.ModelsFile} has no price for '{options.Model}': samples carry no 'usd'"));
            }
            return spec?.PricePer1MTokens;
        }
        catch (Exception ex) when (ex is ModelsFileException or IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Diagnostic.Input("models.file", ex.Message, options.ModelsFile));
            return null;
        }
    }

    private static JsonObject Line(GenerateOptions options, CodeTask task, ModelAnswer answer, ExtractedCode code, double? price)
    {
        var line = new JsonObject { ["task_id"] = task.TaskId, ["model"] = options.Model, [code.Field] = code.Code };
        if (answer.CompletionTokens is { } completion)
        {
            line["completion_tokens"] = completion;
            if (price is { } p)
            {
                line["usd"] = Math.Round(p * completion / 1e6, 9);
            }
        }
        if (answer.PromptTokens is { } prompt)
        {
            line["prompt_tokens"] = prompt;
        }
        line["latency_s"] = Math.Round(answer.LatencySeconds, 3);
        line["finish_reason"] = answer.FinishReason;
        line["extract"] = code.Status;
        line["attempts"] = answer.Attempts;
        line["raw"] = answer.Text;
        return line;
    }

    private sealed class Tally
    {
        private readonly Lock _gate = new();

        public int Done { get; private set; }
        public int Failed { get; private set; }
        public int NoCode { get; private set; }
        public int Truncated { get; private set; }
        public long PromptTokens { get; private set; }
        public long CompletionTokens { get; private set; }
        public double Usd { get; private set; }
        public string? LastError { get; private set; }
        public string? FatalError { get; private set; }

        public int Add(ModelAnswer answer, ExtractedCode code, double? price)
        {
            lock (_gate)
            {
                PromptTokens += answer.PromptTokens ?? 0;
                CompletionTokens += answer.CompletionTokens ?? 0;
                Usd += (price ?? 0) * (answer.CompletionTokens ?? 0) / 1e6;
                NoCode += code.Status == "no_code" ? 1 : 0;
                Truncated += code.Status == "truncated" ? 1 : 0;
                return ++Done;
            }
        }

        public void Fail(string error, bool fatal)
        {
            lock (_gate)
            {
                Failed++;
                LastError = error;
                FatalError ??= fatal ? error : null;
            }
        }
    }
}
