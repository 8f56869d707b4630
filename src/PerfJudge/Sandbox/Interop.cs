using System.Runtime.InteropServices;

namespace PerfJudge.Sandbox;

/// <summary>The few libc calls the engine needs directly.</summary>
internal static partial class Interop
{
    [LibraryImport("libc", EntryPoint = "geteuid")]
    internal static partial uint geteuid();
}
