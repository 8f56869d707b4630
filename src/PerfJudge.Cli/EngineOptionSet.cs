using System.CommandLine;
using PerfJudge.Jobs;

namespace PerfJudge.Cli;

/// <summary>The options every command that runs candidates shares, declared once: <c>--isolation</c>,
/// <c>--python</c>, <c>--jobs</c>, <c>--store</c>, <c>--no-cache</c>, <c>--timeout</c>, <c>--meter</c>.</summary>
public sealed class EngineOptionSet
{
    /// <summary>Meters accepted by <c>--meter</c> (unavailable ones are refused with a reason).</summary>
    public static readonly string[] MeterChoices = ["auto", "cpu", "wall", "instructions", "task-clock", "callgrind", "peak-memory"];

    /// <summary>Creates the options; <paramref name="timeout"/> and <paramref name="jobs"/> are the command's defaults.</summary>
    public EngineOptionSet(double timeout, int? jobs = null, bool store = true)
    {
        Isolation.AcceptOnlyFromAmong([.. EngineOptions.IsolationChoices]);
        Meter.AcceptOnlyFromAmong(MeterChoices);
        Timeout = new Option<double>("--timeout") { Description = "Per-sample wall and CPU time limit, seconds", DefaultValueFactory = _ => timeout };
        Jobs = new Option<int>("--jobs", "-j") { Description = "Parallel sandboxed workers", DefaultValueFactory = _ => jobs ?? Environment.ProcessorCount };
        HasStore = store;
    }

    /// <summary><c>--isolation</c>.</summary>
    public Option<string> Isolation { get; } = new("--isolation") { Description = "auto (strongest available), strict (namespaces or better), or a level", DefaultValueFactory = _ => "auto" };

    /// <summary><c>--python</c>.</summary>
    public Option<string?> Python { get; } = new("--python") { Description = "Python interpreter (default: $PERFJUDGE_PYTHON or python3)" };

    /// <summary><c>--store</c>.</summary>
    public Option<string> Store { get; } = StoreOption.Create();

    /// <summary><c>--no-cache</c>.</summary>
    public Option<bool> NoCache { get; } = new("--no-cache") { Description = "Neither read nor write the result store" };

    /// <summary><c>--meter</c>.</summary>
    public Option<string> Meter { get; } = new("--meter") { Description = "Cost meter: auto (instructions where available, else cpu), cpu, wall, instructions, task-clock", DefaultValueFactory = _ => "auto" };

    /// <summary><c>--input-secret</c>.</summary>
    public Option<string?> InputSecret { get; } = new("--input-secret")
    {
        Description = "File of the secret mixed into generated inputs' seeds, made on first use " +
            "(default: $PERFJUDGE_INPUT_SECRET, else ~/.local/share/perfjudge/input-secret); shards that share one measure the same inputs",
    };

    /// <summary><c>--timeout</c>.</summary>
    public Option<double> Timeout { get; }

    /// <summary><c>--jobs</c>.</summary>
    public Option<int> Jobs { get; }

    private bool HasStore { get; }

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Jobs);
        command.Options.Add(Timeout);
        if (HasStore)
        {
            command.Options.Add(Store);
            command.Options.Add(NoCache);
        }
        command.Options.Add(Isolation);
        command.Options.Add(Python);
        command.Options.Add(Meter);
        command.Options.Add(InputSecret);
    }

    /// <summary>The engine options the user gave.</summary>
    public EngineOptions Read(ParseResult parse) => new(parse.GetValue(Isolation)!, parse.GetValue(Python), parse.GetValue(Jobs),
        HasStore ? parse.GetValue(Store)! : "", !HasStore || parse.GetValue(NoCache), InputSecret: parse.GetValue(InputSecret));
}
