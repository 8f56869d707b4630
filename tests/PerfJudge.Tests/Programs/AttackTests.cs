using PerfJudge.Judging;
using PerfJudge.Runners.Native;
using PerfJudge.Tasks;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Programs;

/// <summary>Attacks by compiled code, at compile time and at run time, through the real sandboxed runner:
/// each gets its verdict, none passes, nothing escapes, and the runner carries on.</summary>
[Collection(SandboxTests.Name)]
public class AttackTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private const string Head = "#include <bits/stdc++.h>\n#include <unistd.h>\n#include <fcntl.h>\n#include <sys/socket.h>\n#include <netinet/in.h>\n#include <arpa/inet.h>\n#include <sys/ptrace.h>\nusing namespace std;\n";

    private static readonly ProgramTest Expect = new("", "escaped\n");

    private async Task<Verdict> RunAsync(string body, string expected = "escaped\n")
    {
        var reply = await ProgramRuns.CompileAndJudgeAsync(sandbox.Runner, "cpp", Head + body, [Expect with { Output = expected }], "exact");
        return reply.Verdict;
    }

    [Theory]
    [InlineData("#include \"/dev/zero\"\nint main(){}\n")]
    [InlineData("#include \"/etc/shadow\"\nint main(){}\n")]
    // template explosion: 2^N distinct instantiations, stopped by the compiler's limits
    [InlineData("template<int N, long M> struct E { enum { v = E<N-1, 2*M>::v + E<N-1, 2*M+1>::v }; };\ntemplate<long M> struct E<0, M> { enum { v = 1 }; };\nint main(){ return E<40, 0>::v; }\n")]
    // a gigantic binary: 200 MB of initialised data, over the 64 MiB program limit
    [InlineData("char big[200 << 20] = {1};\nint main(){ return big[12345]; }\n")]
    public async Task Compile_time_attacks_are_compile_errors(string source)
    {
        var limits = Toolchain.CompileLimits with { CpuSeconds = 20, WallSeconds = 40 };
        var reply = await ProgramRuns.CompileAsync(sandbox.Runner, "cpp", source, limits);
        Assert.Equal(Verdict.CompileError, reply.Verdict);
        Assert.Null(reply.Artifact);
        Assert.DoesNotContain("root:", reply.Detail ?? "", StringComparison.Ordinal); // no /etc/shadow content in the message
    }

    [Fact]
    public async Task A_huge_static_array_is_refused_or_runs_out_of_memory()
    {
        var verdict = await RunAsync("static char a[1L << 36];\nint main(){ memset(a, 1, sizeof a); puts(\"escaped\"); }\n");
        Assert.Contains(verdict, new[] { Verdict.CompileError, Verdict.MemoryLimit, Verdict.Crashed });
    }

    [Fact]
    public async Task A_fork_bomb_times_out_and_leaves_nothing_behind()
    {
        Assert.Equal(Verdict.Timeout, await RunAsync("int main(){ while (true) fork(); }\n"));
        var after = await ProgramRuns.CompileAndJudgeAsync(sandbox.Runner, "cpp", Head + "int main(){ puts(\"fine\"); }\n", [new("", "fine")]);
        Assert.Equal(Verdict.Passed, after.Verdict); // the worker carries on
    }

    [Fact]
    public async Task Raw_syscalls_by_inline_assembly_gain_nothing()
    {
        // setuid(0) (105) and kill(1, SIGKILL) (62) by the syscall instruction: both must fail.
        const string body = """
            static long sys2(long n, long a, long b) { long r; asm volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b) : "rcx", "r11", "memory"); return r; }
            int main() { long u = sys2(105, 0, 0); long k = sys2(62, 1, 9); if (u == 0 || k == 0) puts("escaped"); else printf("%ld %ld\n", u, k); }
            """;
        Assert.Equal(Verdict.Failed, await RunAsync(body));
    }

    [Fact]
    public async Task Host_files_cannot_be_read_or_written()
    {
        var marker = Path.Combine(Path.GetTempPath(), "pj-escape-" + Guid.NewGuid().ToString("N"));
        var body = $$"""
            int main() {
                bool escaped = false;
                for (const char* p : {"/etc/shadow", "/root/.bashrc", "/proc/1/environ", "/work/shared/DESIGN.md"}) { FILE* f = fopen(p, "r"); if (f && fgetc(f) != EOF) escaped = true; }
                for (const char* p : {"{{marker}}", "/usr/pj-escape", "/tmp/pj-escape"}) { FILE* f = fopen(p, "w"); if (f) { fputs("x", f); if (fclose(f) == 0 && string(p) != "/tmp/pj-escape") escaped = true; } }
                puts(escaped ? "escaped" : "blocked");
            }
            """;
        Assert.Equal(Verdict.Failed, await RunAsync(body));
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task The_network_and_ptrace_are_out_of_reach()
    {
        const string body = """
            int main() {
                int s = socket(AF_INET, SOCK_STREAM, 0); sockaddr_in a{}; a.sin_family = AF_INET; a.sin_port = htons(53);
                inet_pton(AF_INET, "1.1.1.1", &a.sin_addr);
                bool net = s >= 0 && connect(s, (sockaddr*)&a, sizeof a) == 0;
                bool traced = ptrace(PTRACE_ATTACH, 1, nullptr, nullptr) == 0 || ptrace(PTRACE_ATTACH, getppid(), nullptr, nullptr) == 0;
                puts(net || traced ? "escaped" : "blocked");
            }
            """;
        Assert.Equal(Verdict.Failed, await RunAsync(body));
    }

    [Fact]
    public async Task Filling_tmp_and_flooding_stdout_are_output_limits()
    {
        Assert.Equal(Verdict.OutputLimit, await RunAsync(
            "int main(){ vector<char> b(1 << 20, 'x'); for (int i = 0;; i++) { string p = string(getenv(\"TMPDIR\") ? getenv(\"TMPDIR\") : \"/tmp\") + \"/f\" + to_string(i % 4); FILE* f = fopen(p.c_str(), \"a\"); if (!f) return 1; while (fwrite(b.data(), 1, b.size(), f) == b.size()) {} fclose(f); } }\n"));
        Assert.Equal(Verdict.OutputLimit, await RunAsync("int main(){ string s(1 << 20, 'y'); while (true) fwrite(s.data(), 1, s.size(), stdout); }\n"));
    }

    [Fact]
    public async Task Memory_exhaustion_is_a_memory_limit()
    {
        Assert.Equal(Verdict.MemoryLimit, await RunAsync("int main(){ vector<vector<char>> v; while (true) v.emplace_back(64 << 20, 'z'); }\n"));
    }
}
