namespace PerfJudge.Tasks;

/// <summary>Turns a <c>--suite</c> argument (built-in name or path) into a loaded suite.</summary>
public sealed class SuiteResolver
{
    /// <summary>Upstream location of the HumanEval data set (OpenAI, MIT licence).</summary>
    public const string HumanEvalUrl = "https://github.com/openai/human-eval/raw/master/data/HumanEval.jsonl.gz";

    private readonly string _suitesDir;
    private readonly string _cacheDir;
    private readonly Func<Uri, string, CancellationToken, Task<bool>> _download;

    /// <summary>Creates a resolver.</summary>
    /// <param name="suitesDir">Folder of the built-in suites (shipped next to the program).</param>
    /// <param name="cacheDir">Folder where downloaded data sets are kept.</param>
    /// <param name="download">Downloads a URL to a file; returns false when offline.</param>
    public SuiteResolver(string suitesDir, string cacheDir, Func<Uri, string, CancellationToken, Task<bool>> download)
    {
        _suitesDir = suitesDir;
        _cacheDir = cacheDir;
        _download = download;
    }

    /// <summary>The default cache folder: <c>$PERFJUDGE_CACHE</c>, else <c>$XDG_CACHE_HOME/perfjudge</c>, else <c>~/.cache/perfjudge</c>.</summary>
    public static string DefaultCacheDir()
    {
        var explicitDir = Environment.GetEnvironmentVariable("PERFJUDGE_CACHE");
        if (!string.IsNullOrEmpty(explicitDir))
        {
            return explicitDir;
        }
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = string.IsNullOrEmpty(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
            : xdg;
        return Path.Combine(root, "perfjudge");
    }

    /// <summary>Path of the built-in demo samples.</summary>
    public string DemoSamplesPath => Path.Combine(_suitesDir, "demo", "samples.jsonl");

    /// <summary>Resolves and loads a suite.</summary>
    public async Task<TaskSuite> ResolveAsync(string suite, CancellationToken cancel)
    {
        switch (suite.ToLowerInvariant())
        {
            case "demo":
                return HumanEvalLoader.Load(Path.Combine(_suitesDir, "demo", "tasks.jsonl"), "demo");
            case "stress":
                return HumanEvalLoader.Load(Path.Combine(_suitesDir, "stress", "tasks.jsonl"), "stress");
            case "programs":
                return HumanEvalLoader.Load(Path.Combine(_suitesDir, "programs", "tasks.jsonl"), "programs");
            case "humaneval":
                return HumanEvalLoader.Load(await DatasetPathAsync("humaneval", "HumanEval.jsonl.gz", new Uri(HumanEvalUrl), cancel), "humaneval");
            case "humaneval+":
                return EvalPlusLoader.Load(await DatasetPathAsync("evalplus", "HumanEvalPlus.jsonl.gz", new Uri(EvalPlusLoader.HumanEvalPlusUrl), cancel), "humaneval+");
            case "mbpp+":
                return EvalPlusLoader.Load(await DatasetPathAsync("evalplus", "MbppPlus.jsonl.gz", new Uri(EvalPlusLoader.MbppPlusUrl), cancel), "mbpp+");
            case "enamel":
                return EnamelLoader.Load(await DatasetPathAsync("enamel", "enamel.csv", new Uri(EnamelLoader.Url), cancel));
            default:
                if (!File.Exists(suite))
                {
                    throw new SuiteFormatException(
                        $"{suite}: no such suite file, and not a built-in suite (demo, stress, programs, humaneval, humaneval+, mbpp+, enamel)");
                }
                return suite.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? EnamelLoader.Load(suite)
                    : EvalPlusLoader.Recognizes(suite) ? EvalPlusLoader.Load(suite) : HumanEvalLoader.Load(suite);
        }
    }

    private async Task<string> DatasetPathAsync(string dataset, string file, Uri url, CancellationToken cancel)
    {
        var cached = Path.Combine(_cacheDir, file);
        if (File.Exists(cached))
        {
            return cached;
        }
        // A user-given data folder ($PERFJUDGE_DATA/<dataset>/<file>) is used as is.
        var dataRoot = Environment.GetEnvironmentVariable("PERFJUDGE_DATA");
        var given = string.IsNullOrEmpty(dataRoot) ? null : Path.Combine(dataRoot, dataset, file);
        if (given is not null && File.Exists(given))
        {
            return given;
        }
        Directory.CreateDirectory(_cacheDir);
        var partial = cached + ".part";
        if (await _download(url, partial, cancel))
        {
            File.Move(partial, cached, overwrite: true);
            return cached;
        }
        throw new SuiteFormatException(
            $"{file} is not cached and could not be downloaded from {url}. " +
            $"Put it at {cached}, set PERFJUDGE_DATA to a folder holding {dataset}/{file}, " +
            "or pass the file's path with --suite PATH.");
    }
}
