using PerfJudge.Planning;
using YamlDotNet.RepresentationModel;

namespace PerfJudge.Tests.Planning;

/// <summary>The generated Kubernetes manifest, parsed as YAML and checked against what an Indexed Job
/// needs (batch/v1 Job, completionMode Indexed, completions = shards, a pod template whose restart
/// policy is Never — required by backoffLimitPerIndex —, a container with an image and a command), and
/// the merge Job.</summary>
public class KubernetesPlanTests
{
    private static readonly PlanOptions Plan = new(4, ["--suite", "humaneval", "--samples", "/data/my samples.jsonl", "--k", "1,10"],
        ["perfjudge"], Image: "registry.example/perfjudge:1.0", Parallelism: 2, Cpus: 3);

    private static List<YamlMappingNode> Documents(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    private static YamlNode At(YamlNode node, params object[] path)
    {
        foreach (var step in path)
        {
            node = step is int i ? ((YamlSequenceNode)node).Children[i] : ((YamlMappingNode)node).Children[new YamlScalarNode((string)step)];
        }
        return node;
    }

    private static string S(YamlNode node, params object[] path) => ((YamlScalarNode)At(node, path)).Value!;

    private static List<string> Words(YamlNode node, params object[] path) =>
        ((YamlSequenceNode)At(node, path)).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();

    [Fact]
    public void The_shard_job_has_every_field_an_indexed_job_needs()
    {
        var docs = Documents(KubernetesPlan.Render(Plan));
        Assert.Equal(2, docs.Count);
        var job = docs[0];
        Assert.Equal(("batch/v1", "Job"), (S(job, "apiVersion"), S(job, "kind")));
        var name = S(job, "metadata", "name");
        Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", name);
        Assert.InRange(name.Length, 1, 63);
        Assert.Equal("Indexed", S(job, "spec", "completionMode"));
        Assert.Equal("4", S(job, "spec", "completions"));
        Assert.Equal("2", S(job, "spec", "parallelism"));
        Assert.Equal("Never", S(job, "spec", "template", "spec", "restartPolicy"));
        var container = At(job, "spec", "template", "spec", "containers", 0);
        Assert.Equal("registry.example/perfjudge:1.0", S(container, "image"));
        var command = Words(container, "command");
        Assert.Equal(["perfjudge", "eval", "--suite", "humaneval", "--samples", "/data/my samples.jsonl", "--k", "1,10", "--jobs", "3",
            "--shard", "env", "--group", Plan.GroupName], command);
        var env = ((YamlSequenceNode)At(container, "env")).Children.ToDictionary(e => S(e, "name"), e => e);
        Assert.Equal("4", S(env["PERFJUDGE_SHARD_COUNT"], "value"));
        Assert.Equal(KubernetesPlan.SecretName, S(env["PERFJUDGE_STORE"], "valueFrom", "secretKeyRef", "name"));
        Assert.Equal("3", S(container, "resources", "requests", "cpu"));
    }

    [Fact]
    public void The_merge_job_waits_for_the_same_group_in_the_same_store()
    {
        var merge = Documents(KubernetesPlan.Render(Plan))[1];
        Assert.Equal(("batch/v1", "Job"), (S(merge, "apiVersion"), S(merge, "kind")));
        Assert.Contains(S(merge, "spec", "template", "spec", "restartPolicy"), new[] { "Never", "OnFailure" });
        var container = At(merge, "spec", "template", "spec", "containers", 0);
        var command = Words(container, "command");
        Assert.Equal(["perfjudge", "merge", "--group", Plan.GroupName], command.Take(4));
        Assert.Contains("--wait", command);
        Assert.Equal(KubernetesPlan.SecretName, S(At(container, "env", 1), "valueFrom", "secretKeyRef", "name"));
    }

    [Fact]
    public void A_plan_without_an_image_or_with_options_the_plan_sets_is_refused()
    {
        var problems = (Plan with { Image = null, EvalArgs = ["--shard", "0/2", "--json=x"] }).Validate(kubernetes: true);
        Assert.Equal(3, problems.Count);
        Assert.Empty(Plan.Validate(kubernetes: true));
    }
}
