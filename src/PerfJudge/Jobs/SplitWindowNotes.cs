using System.Globalization;
using PerfJudge.Judging;
using PerfJudge.Results;

namespace PerfJudge.Jobs;

/// <summary>Notes on how a split-window run (ENAMEL's protocol, docs/measurement.md "Split window") read its
/// costs, from the rows: tasks that fell back to the round-trip window, and samples charged for decoding or
/// encoding work beyond the trust margin. Nothing when no row carries a window.</summary>
public static class SplitWindowNotes
{
    private const int Named = 5;

    /// <summary>The notes for <paramref name="rows"/> (at most one per kind).</summary>
    public static IReadOnlyList<Diagnostic> Of(IReadOnlyList<ResultRow> rows)
    {
        var notes = new List<Diagnostic>();
        var windows = rows.Where(r => r.Efficiency?.Window is not null).ToList();
        if (windows.Count == 0)
        {
            return notes;
        }
        var tasks = windows.Select(r => r.TaskId).Distinct(StringComparer.Ordinal).Count();
        var fellBack = windows.Where(r => r.Efficiency!.Window == "round-trip").Select(r => r.TaskId)
            .Distinct(StringComparer.Ordinal).ToList();
        if (fellBack.Count > 0)
        {
            notes.Add(Diagnostic.Note("window.round-trip", string.Create(CultureInfo.InvariantCulture,
                $"{fellBack.Count} of {tasks} task(s) fell back to the round-trip window (no null-program run succeeded), " +
                $"so their costs include decoding and encoding: {List(fellBack)} (rows: window)")));
        }
        var charged = windows.Where(r => r.Efficiency!.HiddenChargedSeconds > 0)
            .OrderByDescending(r => r.Efficiency!.HiddenChargedSeconds).ToList();
        if (charged.Count > 0)
        {
            // The largest charge, and the largest share of a sample's cost: work hidden in the harness is most of a cost,
            // while honest programs are often charged tens of microseconds, mostly a small share (docs/measurement.md).
            var most = charged[0];
            var share = charged.Where(r => r.Efficiency!.Cost > 0).Select(r => (Row: r, Share: r.Efficiency!.HiddenChargedSeconds!.Value / r.Efficiency.Cost))
                .OrderByDescending(x => x.Share).FirstOrDefault();
            var largest = share.Row is null ? "" : string.Create(CultureInfo.InvariantCulture,
                $"; the largest share of a cost: {100 * share.Share:0.#}% ({Name(share.Row)})");
            notes.Add(Diagnostic.Note("window.hidden-work", string.Create(CultureInfo.InvariantCulture,
                $"{charged.Count} sample(s) of {charged.Select(r => r.TaskId).Distinct(StringComparer.Ordinal).Count()} task(s) " +
                $"were charged for decoding or encoding work beyond the trust margin; the most: {most.Efficiency!.HiddenChargedSeconds:G3} s " +
                $"({Name(most)}){largest} (rows: hidden_charged_s)")));
        }
        return notes;
    }

    private static string Name(ResultRow row) => string.Create(CultureInfo.InvariantCulture, $"{row.TaskId} {row.Model} sample {row.Sample}");

    private static string List(List<string> tasks) =>
        string.Join(", ", tasks.Take(Named)) + (tasks.Count > Named ? string.Create(CultureInfo.InvariantCulture, $" and {tasks.Count - Named} more") : "");
}
