using System.Collections.Concurrent;
using System.Text.Json;
using PerfJudge.Reports;
using PerfJudge.Tests.Support;
using PuppeteerSharp;

namespace PerfJudge.Tests.Reports;

/// <summary>Opens the HTML report in headless Chromium: every plot is drawn and non-empty, nothing is
/// logged as an error, no request leaves the file, and hostile strings are shown as text.</summary>
public sealed class HtmlInBrowserTests
{
    [ChromiumFact]
    public async Task Report_renders_in_chromium_without_errors_or_requests()
    {
        var dir = Directory.CreateTempSubdirectory("pj-html-");
        try
        {
            var path = Path.Combine(dir.FullName, "report.html");
            var report = ReportFixture.Build();
            await File.WriteAllTextAsync(path, HtmlReport.Render(report, CostQualityBuilder.FromSampleField(report, "usd", "eff@1")));
            var url = new Uri(path).AbsoluteUri;

            await using var browser = await Puppeteer.LaunchAsync(new LaunchOptions
            {
                ExecutablePath = ChromiumFactAttribute.Path,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-default-apps", "--disable-sync"],
                UserDataDir = Path.Combine(dir.FullName, "profile"),
            });
            await using var page = await browser.NewPageAsync();
            await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 900 });
            var problems = new ConcurrentQueue<string>();
            var requests = new ConcurrentQueue<string>();
            page.Console += (_, e) =>
            {
                if (e.Message.Type is ConsoleType.Error or ConsoleType.Warning)
                {
                    problems.Enqueue($"console {e.Message.Type}: {e.Message.Text}");
                }
            };
            page.PageError += (_, e) => problems.Enqueue("page error: " + e.Message);
            page.Request += (_, e) =>
            {
                if (e.Request.Url != url)
                {
                    requests.Enqueue(e.Request.Url);
                }
            };
            var response = await page.GoToAsync(url, new NavigationOptions { WaitUntil = [WaitUntilNavigation.Load] });
            Assert.NotNull(response);

            var plots = await page.EvaluateExpressionAsync<JsonElement>("""
                Array.from(document.querySelectorAll('figure.plot')).map(f => {
                  const svg = f.querySelector('svg');
                  if (!svg) return {id: f.id, width: 0, height: 0, drawn: 0};
                  const box = svg.getBoundingClientRect();
                  const drawn = Array.from(svg.querySelectorAll('path, rect, circle, text'))
                    .filter(e => { const b = e.getBBox(); return b.width > 0 || b.height > 0; }).length;
                  return {id: f.id, width: box.width, height: box.height, drawn: drawn};
                })
                """);
            var ids = new List<string>();
            foreach (var plot in plots.EnumerateArray())
            {
                var id = plot.GetProperty("id").GetString()!;
                ids.Add(id);
                Assert.True(plot.GetProperty("width").GetDouble() > 100, $"{id} has no width");
                Assert.True(plot.GetProperty("height").GetDouble() > 100, $"{id} has no height");
                Assert.True(plot.GetProperty("drawn").GetInt32() > 10, $"{id} draws almost nothing");
            }
            Assert.Equal(["plot-leaderboard", "plot-heatmap-pass", "plot-heatmap-efficiency", "plot-heatmap-verdict", "plot-pass-at-k", "plot-eff-at-k",
                "plot-speedups", "plot-pareto"], ids);

            Assert.Equal(0, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('script').length"));
            var text = await page.EvaluateExpressionAsync<string>("document.body.innerText");
            Assert.Contains(ReportFixture.HostileModel, text, StringComparison.Ordinal);
            Assert.Contains(ReportFixture.HostileTask, text, StringComparison.Ordinal);
            Assert.Contains("<script>fetch('http://example.com')</script>", text, StringComparison.Ordinal);
            Assert.Empty(problems);
            Assert.Empty(requests);

            // At 1280 px nothing overflows the page, and no plot text (title, tick label) is cut by its plot's edge.
            Assert.True(await page.EvaluateExpressionAsync<int>("document.documentElement.scrollWidth") <= 1280, "the page is wider than 1280 px");
            var clipped = await page.EvaluateExpressionAsync<string[]>("""
                Array.from(document.querySelectorAll('figure.plot svg')).flatMap(svg => {
                  const box = svg.getBoundingClientRect();
                  return Array.from(svg.querySelectorAll('text')).filter(t => t.textContent.trim().length > 0).filter(t => {
                    const b = t.getBoundingClientRect();
                    return b.left < box.left - 1 || b.right > box.right + 1 || b.top < box.top - 1 || b.bottom > box.bottom + 1;
                  }).map(t => svg.closest('figure').id + ': ' + encodeURIComponent(t.textContent) + ' ' + JSON.stringify(t.getBoundingClientRect()) + JSON.stringify(box));
                })
                """);
            Assert.True(clipped.Length == 0, "clipped: " + string.Join("; ", clipped));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
