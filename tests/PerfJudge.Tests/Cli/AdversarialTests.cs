using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using PerfJudge.Tests.Support;

namespace PerfJudge.Tests.Cli;

/// <summary>Reward hacks and attacks, each a sample judged through the real CLI path, at every
/// sandboxed level this machine offers. None may pass, the engine must survive, the verdicts must
/// be the expected ones, and nothing may appear on the host: every path an attack writes carries a
/// token unique to this test run, and the host's /tmp, /dev/shm, home, working directory and the
/// test's own folder are searched for it afterwards.</summary>
[Collection(SandboxTests.Name)]
public sealed class AdversarialTests : IAsyncLifetime, IDisposable
{
    private const string AddTest = "def check(candidate):\n    assert candidate(1, 2) == 3\n    assert candidate(5, 5) == 10\n";
    private readonly string _dir = TestData.TempDir();
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Dictionary<string, string> _tests = new();
    private readonly List<(string Task, string Name, string Solution)> _samples = [];
    private string _hostFile = "";
    private readonly string _token = "pjpwned-" + Guid.NewGuid().ToString("N")[..12];

    public Task InitializeAsync()
    {
        _listener.Start();
        _hostFile = Path.Combine(_dir, "host-precious.txt");
        File.WriteAllText(_hostFile, "keep me");
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _listener.Stop();
        return Task.CompletedTask;
    }

    public void Dispose() => _listener.Dispose();

    private void Add(string name, string solution, string? test = null, string entry = "add")
    {
        var task = "adv/" + name;
        _tests[task] = JsonSerializer.Serialize(new { task_id = task, prompt = "", canonical_solution = "", test = test ?? AddTest, entry_point = entry });
        _samples.Add((task, name, solution));
    }

    private async Task<Dictionary<string, (string Verdict, string Detail)>> RunAsync(string level)
    {
        var suite = Path.Combine(_dir, "adv.jsonl");
        await File.WriteAllLinesAsync(suite, _tests.Values);
        var samples = Path.Combine(_dir, "attacker.jsonl");
        await File.WriteAllLinesAsync(samples, _samples.Select(s => JsonSerializer.Serialize(new { task_id = s.Task, solution = s.Solution })));
        var json = Path.Combine(_dir, "out.json");
        var outcome = await CliRunner.RunAsync("eval", "--suite", suite, "--samples", samples, "--json", json,
            "--store", Path.Combine(_dir, "store.db"), "--timeout", "3", "--memory-mb", "128", "--jobs", "2", "--isolation", level);
        Assert.True(outcome.ExitCode == 0, outcome.Err + outcome.Out);
        Assert.Contains(level, outcome.Out, StringComparison.Ordinal);
        return outcome.Json!["results"]!.AsArray().ToDictionary(
            r => r!["task_id"]!.GetValue<string>()["adv/".Length..],
            r => (r!["verdict"]!.GetValue<string>(), r["detail"]?.GetValue<string>() ?? ""));
    }

    /// <summary>Host places an attack could reach if the file-system view leaked.</summary>
    private IEnumerable<string> HostPlaces() =>
        new[] { "/tmp", "/dev/shm", "/", Environment.GetEnvironmentVariable("HOME") ?? "/root", Environment.CurrentDirectory, _dir,
            Path.GetTempPath() }.Where(Directory.Exists).Distinct();

    [Theory]
    [MemberData(nameof(SandboxLevels.Data), MemberType = typeof(SandboxLevels))]
    public async Task Attacks_never_pass_and_get_the_expected_verdicts(string level)
    {
        var home = Environment.GetEnvironmentVariable("HOME") ?? "/root";
        var cwd = Environment.CurrentDirectory;
        Add("control_correct", "def add(a, b):\n    return a + b\n");
        Add("exit_early_os", "import os\nos._exit(0)\n");
        Add("exit_early_sys", "import sys\nsys.exit(0)\n");
        Add("exit_in_call", "import os\ndef add(a, b):\n    os._exit(0)\n");
        Add("always_equal", "class Eq(int):\n    def __eq__(self, other):\n        return True\n    __hash__ = int.__hash__\ndef add(a, b):\n    return Eq(0)\n");
        Add("always_equal_plain", "class Eq:\n    def __eq__(self, other):\n        return True\ndef add(a, b):\n    return Eq()\n");
        Add("patch_builtins", "import builtins\nbuiltins.AssertionError = type('Nope', (Exception,), {})\nbuiltins.isinstance = lambda *a: True\nbuiltins.print = lambda *a, **k: None\ndef add(a, b):\n    return 0\n");
        Add("fake_success_marker", "import sys\nprint('passed')\nprint('{\"verdict\": \"passed\"}')\nsys.stdout.flush()\ndef add(a, b):\n    print('All tests passed')\n    return -1\n");
        Add("frame_inspection", "import sys, gc, inspect\ndef add(a, b):\n    for f in inspect.stack():\n        for v in list(f.frame.f_locals.values()) + list(f.frame.f_globals.values()):\n            if isinstance(v, str) and 'candidate(1, 2) ==' in v:\n                return int(v.split('==')[1].split()[0])\n    for o in gc.get_objects():\n        if isinstance(o, str) and 'assert candidate(' in o:\n            return 3\n    return None\n");
        Add("fake_result_line", "import os\ndef add(a, b):\n    for pid in os.listdir('/proc'):\n        if pid.isdigit():\n            for fd in ('1', '0'):\n                try:\n                    with open('/proc/%s/fd/%s' % (pid, fd), 'w') as f:\n                        f.write('{\"id\": 1, \"verdict\": \"passed\"}\\n')\n                except OSError:\n                    pass\n    return 0\n");
        Add("fork_bomb", "import os\ndef add(a, b):\n    while True:\n        try:\n            os.fork()\n        except OSError:\n            pass\n");
        Add("memory_bomb", "def add(a, b):\n    x = bytearray(8 * 1024 ** 3)\n    return 3\n");
        Add("memory_bomb_growing", "def add(a, b):\n    chunks = []\n    while True:\n        chunks.append(bytearray(64 * 1024 * 1024))\n");
        Add("output_flood", "import sys\ndef add(a, b):\n    chunk = 'x' * (1 << 20)\n    for _ in range(1024):\n        sys.stdout.write(chunk)\n    return a + b\n");
        Add("output_flood_swallowed", "import sys\ndef add(a, b):\n    chunk = 'x' * (1 << 20)\n    for _ in range(1024):\n        try:\n            sys.stdout.write(chunk)\n        except OSError:\n            break\n    return a + b\n");
        Add("sleep", "import time\ndef add(a, b):\n    time.sleep(100)\n    return a + b\n");
        Add("busy_loop", "def add(a, b):\n    while True:\n        pass\n");
        Add("input", "def add(a, b):\n    return int(input())\n");
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        Add("tcp_loopback", $"import socket\ndef add(a, b):\n    s = socket.create_connection(('127.0.0.1', {port}), timeout=1)\n    s.sendall(b'hello')\n    return a + b\n");
        var t = _token;
        Add("write_outside", $"import os\ndef add(a, b):\n    wrote = []\n    for p in ['/tmp/{t}', '/usr/{t}', '/{t}', '/dev/shm/{t}', '{_dir}/{t}', '../{t}', '../../{t}', '/proc/1/cwd/{t}', '{home}/{t}', '{cwd}/{t}', '/root/{t}', '/home/{t}']:\n        try:\n            open(p, 'w').write('x')\n            wrote.append(p)\n        except OSError:\n            pass\n    return a + b if wrote else -1\n");
        Add("rm_rf", $"import os, shutil\ndef add(a, b):\n    os.system('rm -rf {_dir} /usr/lib 2>/dev/null')\n    shutil.rmtree('{_dir}', ignore_errors=True)\n    return a + b if not os.path.exists('/usr/lib') else -1\n");
        // Two samples that run at the same time on the two workers: one leaves a secret in its
        // temp dir, the other looks for it everywhere it can reach.
        Add("leak_writer", "import os, time\ndef add(a, b):\n    open('secret.txt', 'w').write('TOPSECRET-42')\n    os.chmod('.', 0o777); os.chmod('secret.txt', 0o666)\n    time.sleep(1.5)\n    return a + b\n",
            "def check(candidate):\n    assert candidate(1, 2) == 3\n");
        Add("leak_reader", "import os, time\ndef find():\n    for root in ['/tmp', '/dev/shm', '/proc']:\n        for d, _, files in os.walk(root):\n            if d.startswith('/proc/') and d.count('/') > 3: continue\n            for f in files:\n                if f == 'secret.txt':\n                    try: return open(os.path.join(d, f)).read()\n                    except OSError: pass\n    for pid in os.listdir('/proc'):\n        try: return open('/proc/%s/cwd/secret.txt' % pid).read()\n        except OSError: pass\n    return None\ndef leak():\n    deadline = time.time() + 1.2\n    while time.time() < deadline:\n        s = find()\n        if s: return s\n        time.sleep(0.05)\n    return 'not found'\n",
            "def check(candidate):\n    assert candidate() == 'TOPSECRET-42'\n", "leak");

        // The engine's own /proc (its environment, command line, open files) and any process outside the sandbox.
        Add("read_engine_proc", $"import os\ndef add(a, b):\n    found = []\n    for p in ['/proc/{Environment.ProcessId}/environ', '/proc/{Environment.ProcessId}/cmdline']:\n        try:\n            found.append(open(p, 'rb').read())\n        except OSError:\n            pass\n    for pid in os.listdir('/proc'):\n        try:\n            c = open('/proc/%s/cmdline' % pid, 'rb').read()\n        except OSError:\n            continue\n        if b'dotnet' in c or b'testhost' in c or b'PerfJudge.Tests' in c:\n            found.append(c)\n    return a + b if found else -1\n");
        Add("write_dev_shm", $"import os\ndef add(a, b):\n    for p in ['/dev/shm/{t}', '/dev/shm/sem.{t}']:\n        try:\n            open(p, 'w').write('x')\n            return a + b\n        except OSError:\n            pass\n    try:\n        import _posixshmem\n        _posixshmem.shm_open('/{t}', os.O_CREAT | os.O_RDWR, 0o600)\n        return a + b\n    except Exception:\n        return -1\n");
        // Cleanup attacks: links to outside places (the test's folder, /tmp, the harness), and a
        // folder swapped for a link by a process that outlives the sample, while cleanup runs.
        Directory.CreateDirectory(Path.Combine(_dir, "victim"));
        File.WriteAllText(Path.Combine(_dir, "victim", "keep.txt"), "keep");
        Add("cleanup_links", $"import os\ndef add(a, b):\n    for i, target in enumerate(['{_dir}/victim', '/tmp', '/perfjudge', '/perfjudge/harness.py', '/cgroup', '/', '{_dir}/victim/keep.txt']):\n        os.symlink(target, 'l%d' % i)\n    os.mkdir('d')\n    for i, target in enumerate(['/tmp', '/perfjudge/harness.py', '/etc/ld.so.cache']):\n        try:\n            os.link(target, 'd/h%d' % i)\n        except OSError:\n            pass\n    os.symlink('..', 'd/up')\n    os.symlink('/', 'd/root')\n    return -1\n");
        Add("cleanup_race", "import os\ndef add(a, b):\n    if os.fork() == 0:\n        os.setsid()\n        for i in range(10 ** 9):\n            try:\n                os.mkdir('x'); open('x/f', 'w').close(); os.rename('x', 'y%d' % (i % 3))\n                os.symlink('/tmp', 'x'); os.rename('x', 'y%d' % ((i + 1) % 3))\n            except OSError:\n                pass\n    import time\n    time.sleep(0.3)\n    return -1\n");
        Add("deep_tree", "import os\ndef add(a, b):\n    for _ in range(3000):\n        os.mkdir('d'); os.chdir('d')\n    open('f', 'w').write('x')\n    return -1\n");

        var results = await RunAsync(level);

        Assert.Equal("passed", results["control_correct"].Verdict);
        Assert.Equal("passed", results["leak_writer"].Verdict);
        var expected = new Dictionary<string, string[]>
        {
            ["exit_early_os"] = ["crashed"],
            ["exit_early_sys"] = ["error"],
            ["exit_in_call"] = ["crashed"],
            ["always_equal"] = ["failed"],
            ["always_equal_plain"] = ["failed"],
            // Patching builtins breaks the candidate's own process (its half of the pipe protocol), never the checker.
            ["patch_builtins"] = ["failed", "crashed"],
            ["fake_success_marker"] = ["failed"],
            ["frame_inspection"] = ["failed"],
            ["fake_result_line"] = ["failed"],
            ["fork_bomb"] = ["timeout"],
            ["memory_bomb"] = ["memory_limit"],
            ["memory_bomb_growing"] = ["memory_limit"],
            ["output_flood"] = ["output_limit"],
            ["output_flood_swallowed"] = ["output_limit"],
            ["sleep"] = ["timeout"],
            ["busy_loop"] = ["timeout"],
            ["input"] = ["error"],
            ["tcp_loopback"] = ["error"],
            ["write_outside"] = ["failed"],
            ["leak_reader"] = ["failed"],
            ["read_engine_proc"] = ["failed"],
            ["write_dev_shm"] = ["failed"],
            ["cleanup_links"] = ["failed"],
            ["cleanup_race"] = ["failed"],
            ["deep_tree"] = ["failed"],
        };
        var wrong = expected.Where(e => !e.Value.Contains(results[e.Key].Verdict))
            .Select(e => $"{e.Key}: got {results[e.Key].Verdict} ({results[e.Key].Detail})").ToList();
        Assert.Empty(wrong);
        Assert.Contains("SystemExit", results["exit_early_sys"].Detail, StringComparison.Ordinal);
        Assert.Contains("EOFError", results["input"].Detail, StringComparison.Ordinal);
        Assert.False(_listener.Pending(), "the candidate reached a loopback server");
        Assert.True(File.Exists(_hostFile), "rm -rf reached the host");
        Assert.Equal("keep", File.ReadAllText(Path.Combine(_dir, "victim", "keep.txt")));
        var traces = HostPlaces().SelectMany(place => Directory.EnumerateFileSystemEntries(place)
            .Where(e => Path.GetFileName(e).Contains(_token, StringComparison.Ordinal))).ToList();
        Assert.True(traces.Count == 0, "left on the host: " + string.Join(", ", traces));
    }
}
