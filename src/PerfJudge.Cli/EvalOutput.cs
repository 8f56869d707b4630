namespace PerfJudge.Cli;

/// <summary>What <c>eval</c> writes besides the table: the results document, the HTML report, and which metric families the table shows.</summary>
/// <param name="JsonPath">Results document path.</param>
/// <param name="HtmlPath">HTML report path.</param>
/// <param name="Metrics">Metric families in the table.</param>
public sealed record EvalOutput(string? JsonPath, string? HtmlPath, IReadOnlyList<string> Metrics);
