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
            case "humaneval":
                return HumanEvalLoader.Load(await HumanEvalPathAsync(cancel), "humaneval");
            default:
                if (!File.Exists(suite))
                {
                    throw new SuiteFormatException(
                        $"{suite}: no such suite file, and not a built-in suite (demo, humaneval)");
                }
                return HumanEvalLoader.Load(suite);
        }
    }

    private async Task<string> HumanEvalPathAsync(CancellationToken cancel)
    {
        var cached = Path.Combine(_cacheDir, "HumanEval.jsonl.gz");
        if (File.Exists(cached))
        {
            return cached;
        }
        // A user-given data folder ($PERFJUDGE_DATA/humaneval/HumanEval.jsonl.gz) is used as is.
        var dataRoot = Environment.GetEnvironmentVariable("PERFJUDGE_DATA");
        var given = string.IsNullOrEmpty(dataRoot) ? null : Path.Combine(dataRoot, "humaneval", "HumanEval.jsonl.gz");
        if (given is not null && File.Exists(given))
        {
            return given;
        }
        Directory.CreateDirectory(_cacheDir);
        var partial = cached + ".part";
        if (await _download(new Uri(HumanEvalUrl), partial, cancel))
        {
            File.Move(partial, cached, overwrite: true);
            return cached;
        }
        throw new SuiteFormatException(
            $"HumanEval is not cached and could not be downloaded from {HumanEvalUrl}. " +
            $"Put HumanEval.jsonl.gz at {cached}, set PERFJUDGE_DATA to a folder holding humaneval/HumanEval.jsonl.gz, " +
            "or pass the file's path with --suite PATH.");
    }
}
