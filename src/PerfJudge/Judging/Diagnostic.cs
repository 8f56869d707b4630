using System.Text;

namespace PerfJudge.Judging;

/// <summary>An expected failure or remark, as a value: the one type every job, loader and validator
/// reports problems with. Exceptions are left for bugs.</summary>
/// <param name="Kind">Error kind, or warning/note.</param>
/// <param name="Code">Stable short code, e.g. <c>suite.format</c>, <c>option.range</c>.</param>
/// <param name="Message">What is wrong and, where possible, what to do.</param>
/// <param name="File">File it is about.</param>
/// <param name="Line">1-based line in <paramref name="File"/>.</param>
/// <param name="Field">Field or option it is about (<c>task_id</c>, <c>--jobs</c>).</param>
public sealed record Diagnostic(DiagnosticKind Kind, string Code, string Message, string? File = null, int? Line = null,
    string? Field = null)
{
    /// <summary>True for errors (usage, input, environment): the job did not do what was asked.</summary>
    public bool IsError => Kind is DiagnosticKind.Usage or DiagnosticKind.Input or DiagnosticKind.Environment;

    /// <summary>A usage error about <paramref name="option"/>.</summary>
    public static Diagnostic Usage(string option, string message) => new(DiagnosticKind.Usage, "option", message, Field: option);

    /// <summary>An input error.</summary>
    public static Diagnostic Input(string code, string message, string? file = null, int? line = null, string? field = null) =>
        new(DiagnosticKind.Input, code, message, file, line, field);

    /// <summary>An environment error.</summary>
    public static Diagnostic Environment(string code, string message) => new(DiagnosticKind.Environment, code, message);

    /// <summary>A warning.</summary>
    public static Diagnostic Warning(string code, string message) => new(DiagnosticKind.Warning, code, message);

    /// <summary>A note.</summary>
    public static Diagnostic Note(string code, string message) => new(DiagnosticKind.Note, code, message);

    /// <summary><c>file:line: field 'x': message</c>, each part where known. Options are named as they
    /// are typed (<c>--jobs: ...</c>).</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        if (File is not null)
        {
            text.Append(File).Append(Line is { } l ? ":" + l.ToString(System.Globalization.CultureInfo.InvariantCulture) : "").Append(": ");
        }
        if (Field is not null)
        {
            text.Append(Field.StartsWith('-') ? Field + ": " : $"field '{Field}': ");
        }
        return text.Append(Message).ToString();
    }
}
