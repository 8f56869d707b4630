using System.Diagnostics;
using PerfJudge.Runners.Python;
using PerfJudge.Tasks;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Sandbox;

/// <summary>The harness's scratch cleanup (pj_cleanup.remove_tree) against links and races of a
/// candidate's making, run directly on the host, where a followed link would do real damage:
/// nothing outside the tree may be deleted or changed.</summary>
public sealed class ScratchCleanupTests : IDisposable
{
    private readonly string _dir = TestData.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Script = """
        import os, sys, time
        sys.path.insert(0, sys.argv[1])
        from pj_cleanup import remove_tree
        base = sys.argv[2]
        victim = os.path.join(base, 'victim')
        os.mkdir(victim)
        open(os.path.join(victim, 'keep.txt'), 'w').write('keep')
        os.makedirs(os.path.join(victim, 'e'))  # the same names as the trees below hold
        open(os.path.join(victim, 'e', 'f'), 'w').write('keep')
        def check(what):
            if sorted(os.listdir(victim)) != ['e', 'keep.txt'] or os.listdir(os.path.join(victim, 'e')) != ['f'] or \
                    open(os.path.join(victim, 'keep.txt')).read() != 'keep':
                print('DAMAGE', what); sys.exit(1)
        # 1. links planted in the tree, and the tree itself a link
        s = os.path.join(base, 's1'); os.makedirs(s + '/w/a')
        os.symlink(victim, s + '/w/dirlink'); os.symlink(victim + '/keep.txt', s + '/w/a/filelink')
        os.link(victim + '/keep.txt', s + '/w/hard'); os.symlink('../../..', s + '/w/a/up')
        remove_tree(s); check('links')
        assert not os.path.lexists(s)
        os.symlink(victim, base + '/s2'); remove_tree(base + '/s2'); check('tree is a link')
        # 2. a deep chain (no recursion limit, no descriptor exhaustion)
        s = os.path.join(base, 's3'); os.mkdir(s); fd = os.open(s, os.O_RDONLY)
        for _ in range(2000):
            os.mkdir('d', dir_fd=fd); n = os.open('d', os.O_RDONLY, dir_fd=fd); os.close(fd); fd = n
        os.symlink(victim, 'v', dir_fd=fd); os.close(fd)
        remove_tree(s); check('deep'); assert not os.path.lexists(s)
        # 3. a live process swapping folders for links to the victim while cleanup runs
        for round in range(40):
            s = os.path.join(base, 's4'); os.makedirs(s + '/w')
            for i in range(30):
                os.makedirs('%s/w/d%d/e' % (s, i)); open('%s/w/d%d/e/f' % (s, i), 'w').close()
            pid = os.fork()  # a process of its own, truly concurrent with the cleanup
            if pid == 0:
                i = 0
                while True:
                    i += 1
                    try:
                        d = '%s/w/d%d' % (s, i % 30)
                        os.rename(d, d + 'x'); os.symlink(victim, d)
                    except OSError:
                        pass
            time.sleep(0.002)
            try:
                remove_tree(s)
            except OSError:
                pass
            os.kill(pid, 9); os.waitpid(pid, 0)
            check('race %d' % round)
            remove_tree(s)
        print('OK')
        """;

    [Fact]
    public async Task Cleanup_never_leaves_the_tree()
    {
        var harness = HarnessFile.Materialize(SuiteResolver.DefaultCacheDir());
        var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-c", Script, harness, _dir })
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await output;
        Assert.True(process.ExitCode == 0 && text.Contains("OK", StringComparison.Ordinal), text + errors);
        Assert.Equal("keep", File.ReadAllText(Path.Combine(_dir, "victim", "keep.txt")));
    }
}
