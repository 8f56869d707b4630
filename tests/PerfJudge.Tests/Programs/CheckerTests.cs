using PerfJudge.Judging;
using PerfJudge.Tasks;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Programs;

/// <summary>Every checker kind through the real sandboxed runner: one compiled C++ echo program (it prints its
/// input unchanged) judged against expected outputs that each checker must accept or reject.</summary>
[Collection(SandboxTests.Name)]
public class CheckerTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private const string Echo = "#include <cstdio>\nint main(){int c;while((c=getchar())!=EOF)putchar(c);}\n";

    private async Task<IReadOnlyList<Verdict>> EchoAsync(string? checker, params (string Output, string Expected)[] cases)
    {
        var compiled = await ProgramRuns.CompileAsync(sandbox.Runner, "cpp", Echo);
        Assert.Equal(Verdict.Passed, compiled.Verdict);
        var reply = await ProgramRuns.JudgeAsync(sandbox.Runner, "cpp", compiled.Artifact!,
            cases.Select(c => new ProgramTest(c.Output, c.Expected)).ToList(), checker);
        return reply.Tests.Select(t => t!.Verdict).ToList();
    }

    [Fact]
    public async Task Exact_accepts_only_the_same_bytes_up_to_a_final_newline()
    {
        var got = await EchoAsync("exact", ("1 2\n", "1 2"), ("1 2", "1 2\n"), ("1  2\n", "1 2\n"), ("1 2 \n", "1 2\n"), ("2 1\n", "1 2\n"));
        Assert.Equal([Verdict.Passed, Verdict.Passed, Verdict.Failed, Verdict.Failed, Verdict.Failed], got);
    }

    [Fact]
    public async Task Tokens_ignore_whitespace_only()
    {
        var got = await EchoAsync("tokens", ("1\n 2 \n", "1 2"), ("1 2 3", "1 2"), ("1.0", "1"));
        Assert.Equal([Verdict.Passed, Verdict.Failed, Verdict.Failed], got);
    }

    [Fact]
    public async Task Float_accepts_within_the_tolerance()
    {
        var got = await EchoAsync("float:1e-6", ("3.1415930", "3.14159265"), ("3.1416", "3.14159265"), ("1000000.9", "1000000"), ("nan", "1"));
        Assert.Equal([Verdict.Passed, Verdict.Failed, Verdict.Passed, Verdict.Failed], got);
    }

    [Fact]
    public async Task Lines_unordered_compares_the_multiset_of_lines()
    {
        var got = await EchoAsync("lines-unordered", ("c\na\nb\n", "a\nb\nc\n"), ("a\nb\nb\n", "a\na\nb\n"));
        Assert.Equal([Verdict.Passed, Verdict.Failed], got);
    }

    [Fact]
    public async Task A_checker_program_in_cpp_follows_the_testlib_convention()
    {
        // argv: input expected output; the echo's output is its input, so the input chooses the outcome.
        const string checker = """
            #include <fstream>
            #include <iostream>
            #include <string>
            int main(int argc, char** argv) {
                std::ifstream out(argv[3]); std::string word; out >> word;
                std::ifstream exp(argv[2]); std::string want; exp >> want;
                if (word == want) return 0;
                if (word == "half") { std::cerr << "points 0.5\n"; return 7; }
                if (word == "format") return 2;
                if (word == "broken") return 3;
                std::cerr << "expected " << want << "\n"; return 1;
            }
            """;
        var checkerBinary = await ProgramRuns.CompileAsync(sandbox.Runner, "cpp", checker);
        Assert.Equal(Verdict.Passed, checkerBinary.Verdict);
        var echo = await ProgramRuns.CompileAsync(sandbox.Runner, "cpp", Echo);
        var reply = await ProgramRuns.JudgeAsync(sandbox.Runner, "cpp", echo.Artifact!,
            [new("ok", "ok"), new("half", "ok"), new("format", "ok"), new("nope", "ok")], null, ("cpp", checkerBinary.Artifact!));
        Assert.Equal([(Verdict.Passed, 1.0), (Verdict.Failed, 0.5), (Verdict.Failed, 0.0), (Verdict.Failed, 0.0)],
            reply.Tests.Select(t => (t!.Verdict, t.Points)).ToList());
        Assert.Contains("presentation error", reply.Tests[2]!.Detail, StringComparison.Ordinal);
        Assert.Contains("expected ok", reply.Tests[3]!.Detail, StringComparison.Ordinal);
        var broken = await ProgramRuns.JudgeAsync(sandbox.Runner, "cpp", echo.Artifact!, [new("broken", "ok")], null, ("cpp", checkerBinary.Artifact!));
        Assert.Equal(Verdict.SandboxError, broken.Verdict); // exit 3: the checker failed, not the candidate
    }
}
