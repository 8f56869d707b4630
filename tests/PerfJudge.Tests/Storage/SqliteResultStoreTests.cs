using PerfJudge.Reports;
using PerfJudge.Storage;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Storage;

public class SqliteResultStoreTests
{
    private readonly string _dir = TestData.TempDir();

    private string GoodStore()
    {
        var path = Path.Combine(_dir, "good.db");
        using (var store = new SqliteResultStore(path))
        {
            for (var i = 0; i < 200; i++)
            {
                store.PutDocument($"k{i}", new string('x', 2000));
            }
            store.PutRun(new StoredRun("r1", DateTimeOffset.UnixEpoch, "s", 1, 1), "{}");
        }
        return path;
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_a_store_exception_naming_it()
    {
        var path = Path.Combine(_dir, "garbage.db");
        File.WriteAllText(path, "this is not sqlite, just some text that is long enough to look like a header ......");
        var ex = Assert.Throws<StoreException>(() => new SqliteResultStore(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("--store", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_store_is_a_store_exception_not_a_sqlite_one()
    {
        var good = GoodStore();
        var truncated = Path.Combine(_dir, "truncated.db");
        File.WriteAllBytes(truncated, File.ReadAllBytes(good)[..(int)(new FileInfo(good).Length / 2)]);
        Assert.Throws<StoreException>(() =>
        {
            using var store = new SqliteResultStore(truncated);
            store.ListRuns();
            for (var i = 0; i < 200; i++)
            {
                store.GetDocument($"k{i}");
            }
        });
    }

    [Fact]
    public void Output_paths_under_a_file_or_in_an_unwritable_place_are_reported_before_any_work()
    {
        var file = Path.Combine(_dir, "plain");
        File.WriteAllText(file, "");
        var problems = OutputPaths.Check(("--json", Path.Combine(file, "x.json")), ("--html", "/proc/x.html"), ("--csv", Path.Combine(_dir, "new", "ok.csv")), ("--md", null));
        Assert.Equal(["--json", "--html"], problems.Select(p => p.Field));
        Assert.Contains("is a file, not a directory", problems[0].Message, StringComparison.Ordinal);
        Assert.Null(OutputPaths.TryWrite("--csv", Path.Combine(_dir, "new", "ok.csv"), "a"));
        Assert.NotNull(OutputPaths.TryWrite("--json", Path.Combine(file, "x.json"), "a"));
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir, "new"), ".perfjudge-probe*"));
    }
}
