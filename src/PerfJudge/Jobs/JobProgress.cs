namespace PerfJudge.Jobs;

/// <summary>Progress of a job: units done out of the total, and how many of them were replayed from
/// the store; <paramref name="Unit"/> names what is counted (samples, tasks).</summary>
/// <param name="Done">Units finished.</param>
/// <param name="Total">Units in all.</param>
/// <param name="Cached">Finished units that came from the store.</param>
/// <param name="Unit">What a unit is, plural (e.g. <c>samples</c>).</param>
public readonly record struct JobProgress(int Done, int Total, int Cached, string Unit);
