using System.Runtime.InteropServices;

namespace PerfJudge.Sandbox;

/// <summary>The few libc calls the engine needs directly.</summary>
internal static partial class Interop
{
    [LibraryImport("libc", EntryPoint = "geteuid")]
    internal static partial uint geteuid();

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long syscall(long number, byte[] attr, int pid, int cpu, int groupFd, ulong flags);

    [LibraryImport("libc", EntryPoint = "kill")]
    internal static partial int kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int close(int fd);

    /// <summary>Whether perf_event_open can count the event (type, config) for this process in user space.</summary>
    internal static bool CanCountPerfEvent(uint type, ulong config)
    {
        if (RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            return false; // the syscall number below is x86_64's
        }
        var attr = new byte[128];
        BitConverter.TryWriteBytes(attr.AsSpan(0), type);
        BitConverter.TryWriteBytes(attr.AsSpan(4), 128u);
        BitConverter.TryWriteBytes(attr.AsSpan(8), config);
        BitConverter.TryWriteBytes(attr.AsSpan(40), (1UL << 5) | (1UL << 6)); // exclude_kernel, exclude_hv
        var fd = syscall(298, attr, 0, -1, -1, 0);
        if (fd < 0)
        {
            return false;
        }
        _ = close((int)fd);
        return true;
    }
}
