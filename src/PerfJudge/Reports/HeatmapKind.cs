
namespace PerfJudge.Reports;

/// <summary>What the task x model heatmap shows.</summary>
public enum HeatmapKind
{
    /// <summary>Share of the samples that passed (viridis, 0 to 1).</summary>
    PassRate,

    /// <summary>Mean efficiency score (viridis, 0 to 1).</summary>
    Efficiency,

    /// <summary>Most common verdict (one colour per verdict).</summary>
    Verdict,
}
