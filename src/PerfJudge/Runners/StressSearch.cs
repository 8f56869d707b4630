namespace PerfJudge.Runners;

/// <summary>Parameters of a stress search (the <c>stress</c> object of the wire request).</summary>
/// <param name="Seed">Seed of generators and mutations.</param>
/// <param name="Budget">Cost budget of the slow reference per input.</param>
/// <param name="Rounds">Repetitions per measurement.</param>
/// <param name="Candidates">Candidate inputs to make.</param>
/// <param name="Keep">Inputs to keep.</param>
/// <param name="MinScale">Smallest scale tried.</param>
/// <param name="MaxScale">Largest scale tried.</param>
/// <param name="BisectSteps">Bisection steps after doubling.</param>
/// <param name="MaxInputBytes">Largest input literal.</param>
/// <param name="GeneratorTimeout">Seconds a generator call may take.</param>
/// <param name="FuzzProbeScale">Scale of the fuzzing probes.</param>
/// <param name="LevelId">Index of the level the selected inputs become.</param>
public sealed record StressSearch(int Seed, double Budget, int Rounds, int Candidates, int Keep, long MinScale, long MaxScale,
    int BisectSteps, long MaxInputBytes, double GeneratorTimeout, long FuzzProbeScale, int LevelId);
