using PerfJudge.Judging;
using PerfJudge.Runners;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Sandbox;

/// <summary>SysV shared memory, semaphores and message queues and POSIX message queues and shared
/// memory that one candidate creates are not there for the next one on the same worker (a later
/// round of the same program, or another sample): every candidate gets an IPC namespace of its own.</summary>
[Collection(SandboxTests.Name)]
public sealed class IpcIsolationTests
{
    private static string Program(int key) => $$"""
        import ctypes, os
        libc = ctypes.CDLL(None, use_errno=True)
        libc.shmat.restype = ctypes.c_void_p
        KEY = {{key}}
        NAME = b'/pj{{key}}'
        def write():
            made = []
            shm = libc.shmget(KEY, 4096, 0o1666)
            if shm >= 0:
                ctypes.memmove(libc.shmat(shm, None, 0), b'answers', 7)
                made.append('shm')
            if libc.semget(KEY, 1, 0o1666) >= 0: made.append('sem')
            if libc.msgget(KEY, 0o1666) >= 0: made.append('msg')
            if libc.mq_open(NAME, os.O_CREAT | os.O_RDWR, 0o666, None) >= 0: made.append('mq')
            if libc.shm_open(NAME, os.O_CREAT | os.O_RDWR, 0o666) >= 0: made.append('posix_shm')
            return made
        def read():
            found = []
            if libc.shmget(KEY, 0, 0) >= 0: found.append('shm')
            if libc.semget(KEY, 0, 0) >= 0: found.append('sem')
            if libc.msgget(KEY, 0) >= 0: found.append('msg')
            if libc.mq_open(NAME, os.O_RDONLY) >= 0: found.append('mq')
            if libc.shm_open(NAME, os.O_RDONLY, 0) >= 0: found.append('posix_shm')
            return found
        """;

    [Theory]
    [MemberData(nameof(SandboxLevels.Data), MemberType = typeof(SandboxLevels))]
    public async Task What_one_candidate_puts_in_IPC_is_gone_for_the_next(string level)
    {
        await using var runner = SandboxLevels.Runner(level);
        var program = Program(Random.Shared.Next(1 << 20, 1 << 30));
        // The writer must have made the SysV objects and the message queue (else the test proves nothing).
        var write = await runner.RunAsync(new TestRequest(program, "write", "def check(candidate):\n    made = candidate()\n    assert {'shm', 'sem', 'msg', 'mq'} <= set(made), made\n", "",
            ExecutionLimits.WithTimeout(5)), CancellationToken.None);
        Assert.True(write.Verdict == Verdict.Passed, write.Detail);
        var read = await runner.RunAsync(new TestRequest(program, "read", "def check(candidate):\n    found = candidate()\n    assert found == [], found\n", "",
            ExecutionLimits.WithTimeout(5)), CancellationToken.None);
        Assert.True(read.Verdict == Verdict.Passed, "the next candidate found: " + read.Detail);
        Assert.Equal("own-namespace", read.Controls?["ipc"]);
    }
}
