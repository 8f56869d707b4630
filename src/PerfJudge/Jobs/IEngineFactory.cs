using PerfJudge.Judging;

namespace PerfJudge.Jobs;

/// <summary>Starts engines: the seam between jobs and the machine (tests give jobs a fake runner).</summary>
public interface IEngineFactory
{
    /// <summary>Starts an engine with <paramref name="options"/>, or says why it cannot; notes (the
    /// isolation level probed) go to <paramref name="diagnostics"/>.</summary>
    Engine? Start(EngineOptions options, ICollection<Diagnostic> diagnostics);
}
