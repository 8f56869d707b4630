namespace PerfJudge.Storage;

/// <summary>One step of a store's versioned schema: applied once, in order, and recorded, so a store
/// written by an older PerfJudge is brought up to date when it is opened.</summary>
/// <param name="Version">Schema version after this step (1, 2, ...).</param>
/// <param name="Sql">The statements of the step.</param>
public sealed record Migration(int Version, string Sql);
