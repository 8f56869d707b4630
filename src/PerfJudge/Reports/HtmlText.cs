using System.Text;

namespace PerfJudge.Reports;

/// <summary>HTML escaping for text from candidates and data sets (task ids, model names, program output).</summary>
public static class HtmlText
{
    /// <summary>Escapes <c>&amp; &lt; &gt; " '</c> so the text is shown, never interpreted.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ when char.IsControl(c) && c != '\n' && c != '\t' => "\uFFFD",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }
}
