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

    private sealed class Slot(int index, string scratch)
    {
        public int Index { get; } = index;
        public string Scratch { get; } = scratch;
        public PythonWorker? Worker { get; set; }
    }

    /// <summary>Creates a pool of <paramref name="size"/> workers at <paramref name="level"/>.</summary>
    public WorkerPool(WorkerCommand command, IsolationLevel level, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        _command = command;
        Level = level;
        // Distinct uid ranges per engine process and per worker keep candidates of concurrent
        // runs apart: each worker hands out uids base+1 .. base+999999.
        _uidRange = 1_000_000_000L + Random.Shared.Next(0, 100) * 20_000_000L;
        _slots = Channel.CreateUnbounded<Slot>();
        for (var i = 0; i < size; i++)
        {
            var scratch = Path.Combine(Path.GetTempPath(), $"perfjudge-{Environment.ProcessId}-{i}");
            var slot = new Slot(i, scratch);
            _all.Add(slot);
            _slots.Writer.TryWrite(slot);
        }
    }

    /// <summary>Number of workers.</summary>
    public int Size => _all.Count;

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
                if (Level != IsolationLevel.Bubblewrap)
                {
                    Directory.CreateDirectory(slot.Scratch);
                    File.SetUnixFileMode(slot.Scratch, (UnixFileMode)0b111_101_101);
                }
                slot.Worker = await PythonWorker.StartAsync(_command, Level, _uidRange + slot.Index * 1_000_000L,
                    slot.Scratch, (Environment.ProcessorCount - 1 - slot.Index % Environment.ProcessorCount), cancel);
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
    }

    private static async ValueTask DisposeSlotAsync(Slot slot)
    {
        if (slot.Worker is not null)
        {
            await slot.Worker.DisposeAsync();
        }
        if (Directory.Exists(slot.Scratch))
        {
            try
            {
                Directory.Delete(slot.Scratch, recursive: true);
            }
            catch (IOException)
            {
                // best effort: a leftover scratch folder only costs disk space
            }
            catch (UnauthorizedAccessException)
            {
                // files of a per-sample uid that the harness could not remove
            }
        }
    }
}
