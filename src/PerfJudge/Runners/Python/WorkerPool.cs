using System.Text.Json.Nodes;
using System.Threading.Channels;
using PerfJudge.Sandbox;

namespace PerfJudge.Runners.Python;

/// <summary>A fixed number of sandboxed workers, started lazily and replaced when one dies.</summary>
public sealed class WorkerPool : IAsyncDisposable
{
    private readonly WorkerCommand _command;
    private readonly Channel<Slot> _slots;
    private readonly List<Slot> _all = [];
    private readonly long _uidRange;
    private readonly CgroupTree? _cgroups;
    private readonly InputSecret? _inputSecret;

    private sealed class Slot(int index)
    {
        public int Index { get; } = index;
        /// <summary>Host folder for candidates' scratch at the rlimits level only (elsewhere the
        /// sandbox's private /tmp, which vanishes with the worker).</summary>
        public string? Scratch { get; set; }
        public PythonWorker? Worker { get; set; }
    }

    /// <summary>Creates a pool of <paramref name="size"/> workers at <paramref name="level"/>.</summary>
    /// <param name="command">How to start a worker.</param>
    /// <param name="level">Isolation level.</param>
    /// <param name="size">Number of workers.</param>
    /// <param name="useCgroups">Put each candidate in cgroups of its own where the machine allows it.</param>
    /// <param name="inputSecret">Sent to each worker's checker as its first request (null: each draws its own).</param>
    public WorkerPool(WorkerCommand command, IsolationLevel level, int size, bool useCgroups = true, InputSecret? inputSecret = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        _command = command;
        _inputSecret = inputSecret;
        Level = level;
        // Distinct uid ranges per engine process and per worker keep candidates of concurrent
        // runs apart: each worker hands out uids base+1 .. base+999999.
        _uidRange = 1_000_000_000L + Random.Shared.Next(0, 100) * 20_000_000L;
        _slots = Channel.CreateUnbounded<Slot>();
        if (useCgroups)
        {
            _cgroups = CgroupTree.TryCreate(out var why);
            CgroupNote = _cgroups is null ? why : null;
        }
        for (var i = 0; i < size; i++)
        {
            var slot = new Slot(i);
            _all.Add(slot);
            _slots.Writer.TryWrite(slot);
        }
    }

    /// <summary>Number of workers.</summary>
    public int Size => _all.Count;

    /// <summary>cgroup version used for candidates (<c>v1</c>, <c>v2</c>), or null (rlimits only).</summary>
    public string? Cgroups => _cgroups?.Version;

    /// <summary>Why cgroups are not used, when they are not.</summary>
    public string? CgroupNote { get; }

    /// <summary>The isolation level of every worker in the pool.</summary>
    public IsolationLevel Level { get; }

    /// <summary>Sends a raw request object to the next free worker.</summary>
    public Task<PythonWorker.Reply> RunJsonAsync(JsonObject request, double hardSeconds, CancellationToken cancel) =>
        WithWorkerAsync(worker => worker.RunJsonAsync(request, hardSeconds, cancel), cancel);

    private async Task<T> WithWorkerAsync<T>(Func<PythonWorker, Task<T>> work, CancellationToken cancel)
    {
        var slot = await _slots.Reader.ReadAsync(cancel);
        try
        {
            if (slot.Worker is null || !slot.Worker.IsAlive)
            {
                if (slot.Worker is not null)
                {
                    await slot.Worker.DisposeAsync();
                }
                slot.Worker = null;
                if (Level == IsolationLevel.Rlimits && slot.Scratch is null)
                {
                    // A fresh folder of an unpredictable name (mkdtemp): a fixed name could have
                    // been planted beforehand (a symlink the chmod below would follow).
                    slot.Scratch = Directory.CreateTempSubdirectory("perfjudge-").FullName;
                    File.SetUnixFileMode(slot.Scratch, (UnixFileMode)0b111_101_101);
                }
                var cgroups = _cgroups?.CreateWorker(slot.Index);
                slot.Worker = await PythonWorker.StartAsync(_command, Level, _uidRange + slot.Index * 1_000_000L,
                    slot.Scratch ?? "/tmp", (Environment.ProcessorCount - 1 - slot.Index % Environment.ProcessorCount), cgroups, cancel,
                    _inputSecret);
            }
            return await work(slot.Worker);
        }
        finally
        {
            _slots.Writer.TryWrite(slot);
        }
    }

    /// <summary>Stops every idle worker; the next request starts a fresh one. Measurements use this
    /// so that their repetitions see more than one set of physical pages: a fresh process reuses
    /// the pages its predecessor freed, so all repetitions in one worker share one cache layout.</summary>
    public async Task RecycleAsync(CancellationToken cancel)
    {
        var taken = new List<Slot>();
        try
        {
            for (var i = 0; i < _all.Count; i++)
            {
                taken.Add(await _slots.Reader.ReadAsync(cancel));
            }
            foreach (var slot in taken.Where(s => s.Worker is not null))
            {
                await slot.Worker!.DisposeAsync();
                slot.Worker = null;
            }
        }
        finally
        {
            foreach (var slot in taken)
            {
                _slots.Writer.TryWrite(slot);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // All workers at once: each stop waits for a process tree to exit, and one after the
        // other they added tens of milliseconds per worker to every run.
        await Task.WhenAll(_all.Select(slot => DisposeSlotAsync(slot).AsTask()));
        _cgroups?.Dispose();
    }

    private async ValueTask DisposeSlotAsync(Slot slot)
    {
        if (slot.Worker is not null)
        {
            await slot.Worker.DisposeAsync();
        }
        _cgroups?.ReleaseWorker(slot.Index);
        if (slot.Scratch is not null)
        {
            try
            {
                // Not recursive: the harness removed each sample's folder from inside
                // (pj_cleanup, descriptor-relative). What a crashed worker left stays, rather
                // than the engine walking paths of a candidate's making.
                Directory.Delete(slot.Scratch);
            }
            catch (IOException)
            {
                // not empty: left in place
            }
        }
    }
}
