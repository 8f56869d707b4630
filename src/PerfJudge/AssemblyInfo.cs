using System.Runtime.Versioning;

// The sandbox is built on Linux namespaces, rlimits and bubblewrap.
[assembly: SupportedOSPlatform("linux")]
