using System.Diagnostics;
using PerfJudge.Runners.Python;
using PerfJudge.Tasks;

namespace PerfJudge.Tests.Stress;

/// <summary>The canonical literals of argument tuples (pj_literal), run with the real interpreter
/// on the embedded harness modules.</summary>
public class PythonLiteralTests
{
    private static async Task<string> RunAsync(string code)
    {
        var harness = HarnessFile.Materialize(SuiteResolver.DefaultCacheDir());
        var start = new ProcessStartInfo(PythonInterpreter.Resolve().Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import sys\nsys.path.insert(0, sys.argv[1])\nimport pj_literal as L\n" + code);
        start.ArgumentList.Add(harness);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, errors);
        return output.Trim();
    }

    [Fact]
    public async Task Literals_round_trip_with_their_types_and_sets_are_written_in_one_order()
    {
        var output = await RunAsync("""
            values = [(1,), ([1, 2.5, -0.0, 1e300, 'a\'b"\n', b'\x00'], {'k': {3, 1, 2}, 2: None}), (set(), (), [], {}, True, 10**40),
                      ({'b', 'a', 'c'}, (1, (2,)), [[1], [2, [3]]], 'é✓')]
            def shape(x):
                if type(x) in (list, tuple):
                    return (type(x).__name__, [shape(y) for y in x])
                if type(x) is dict:
                    return ('dict', [(shape(k), shape(y)) for k, y in x.items()])
                if type(x) is set:
                    return ('set', sorted(repr(shape(y)) for y in x))
                return (type(x).__name__, repr(x))
            for v in values:
                text = L.dumps(v)
                back = L.parse_args(text)
                assert back == v and shape(back) == shape(v), (text, back)
                assert L.dumps(back) == text
            a = set(range(100, 0, -1)); b = set(range(1, 101))
            print(L.dumps((a,)) == L.dumps((b,)))
            for bad in [(float('nan'),), (frozenset(),), (object(),), ([float('inf')],)]:
                try:
                    L.dumps(bad); print('accepted', bad)
                except L.NotLiteral:
                    pass
            try:
                L.parse_args('[1, 2]'); print('list accepted as an argument tuple')
            except ValueError:
                pass
            print('done')
            """);
        Assert.Equal("True\ndone", output);
    }
}
