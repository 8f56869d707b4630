namespace PerfJudge.Reports;

/// <summary>A models file is invalid; carries every problem found, not just the first.</summary>
public sealed class ModelsFileException : Exception
{
    /// <summary>Creates the exception from at least one error.</summary>
    public ModelsFileException(IReadOnlyList<ModelsFileError> errors)
        : base(string.Join(Environment.NewLine, errors ?? throw new ArgumentNullException(nameof(errors)))) =>
        Errors = errors;

    /// <summary>Creates the exception with no located errors.</summary>
    public ModelsFileException() : this([]) { }

    /// <summary>Creates the exception with a message and no located errors.</summary>
    public ModelsFileException(string message) : base(message) => Errors = [];

    /// <summary>Creates the exception with a message wrapping another exception.</summary>
    public ModelsFileException(string message, Exception innerException) : base(message, innerException) => Errors = [];

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<ModelsFileError> Errors { get; }
}
