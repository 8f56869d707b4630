using System.CommandLine;
using PerfJudge.Judging;
using PerfJudge.Planning;
using PerfJudge.Reports;
using Spectre.Console;

namespace PerfJudge.Cli;

/// <summary><c>perfjudge plan --slurm|--k8s --shards N [-o FILE] -- EVAL-ARGS</c>: writes the sbatch
/// array script or the Kubernetes Indexed Job manifest of a sharded evaluation.</summary>
public static class PlanCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(IAnsiConsole console, TextWriter errors)
    {
        var evalArgs = new Argument<string[]>("eval-args") { Description = "Arguments of 'perfjudge eval' for every shard, after '--'", Arity = ArgumentArity.ZeroOrMore };
        var slurm = new Option<bool>("--slurm") { Description = "Write an sbatch script: a job array, one task per shard, and a merge job after it" };
        var k8s = new Option<bool>("--k8s") { Description = "Write a Kubernetes manifest: an Indexed Job, one index per shard, and a merge Job" };
        var shards = new Option<int>("--shards") { Description = "Number of shards", Required = true };
        var output = new Option<string?>("--output", "-o") { Description = "Write the script or manifest here (default: standard output)" };
        var group = new Option<string?>("--group") { Description = "Name of the sharded run (default: derived from the eval arguments and shard count)" };
        var store = new Option<string?>("--store") { Description = "Shared store of the shards (default: $PERFJUDGE_STORE at run time; Slurm: else one SQLite file per shard)" };
        var outDir = new Option<string>("--results-dir") { Description = "Slurm: shard documents, logs and merged.json go here", DefaultValueFactory = _ => "perfjudge-shards" };
        var chdir = new Option<string>("--chdir") { Description = "Slurm: working directory of the shards (default: the current one)", DefaultValueFactory = _ => "." };
        var command = new Option<string>("--perfjudge") { Description = "Command that starts PerfJudge on the nodes", DefaultValueFactory = _ => "perfjudge" };
        var image = new Option<string?>("--image") { Description = "Kubernetes: container image with PerfJudge, .NET and Python" };
        var parallelism = new Option<int>("--parallelism") { Description = "Shards running at once (0: all)", DefaultValueFactory = _ => 0 };
        var cpus = new Option<int>("--cpus") { Description = "CPUs per shard (its --jobs)", DefaultValueFactory = _ => 2 };
        var cmd = new Command("plan", "Write the Slurm or Kubernetes job of a sharded evaluation (see docs/scale-out.md)")
        {
            evalArgs, slurm, k8s, shards, output, group, store, outDir, chdir, command, image, parallelism, cpus,
        };
        cmd.SetAction(parse =>
        {
            var problems = new List<Diagnostic>();
            var kubernetes = parse.GetValue(k8s);
            if (kubernetes == parse.GetValue(slurm))
            {
                problems.Add(Diagnostic.Usage("--slurm/--k8s", "choose exactly one"));
            }
            var plan = new PlanOptions(parse.GetValue(shards), parse.GetValue(evalArgs) ?? [],
                parse.GetValue(command)!.Split(' ', StringSplitOptions.RemoveEmptyEntries), parse.GetValue(group), parse.GetValue(store),
                Path.GetFullPath(parse.GetValue(outDir)!), Path.GetFullPath(parse.GetValue(chdir)!), parse.GetValue(parallelism),
                parse.GetValue(cpus), parse.GetValue(image));
            problems.AddRange(plan.Validate(kubernetes));
            if (problems.Any(p => p.IsError))
            {
                DiagnosticWriter.Write(errors, problems, "perfjudge plan");
                return ExitCodes.Usage;
            }
            var text = kubernetes ? KubernetesPlan.Render(plan) : SlurmPlan.Render(plan);
            if (!kubernetes)
            {
                Directory.CreateDirectory(plan.OutputDir);
            }
            if (parse.GetValue(output) is not { } path)
            {
                console.Profile.Out.Writer.Write(text);
                return ExitCodes.Done;
            }
            AtomicFile.Write(path, text);
            if (!kubernetes)
            {
                File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute);
            }
            errors.WriteLine(kubernetes
                ? $"wrote {path}: kubectl apply -f {path} (after creating the secret it names)"
                : $"wrote {path}: bash {path} submits {plan.Shards} shards and the merge (group {plan.GroupName}); results in {plan.OutputDir}");
            return ExitCodes.Done;
        });
        return cmd;
    }
}
