"""Toolchains of whole programs: how a language is compiled and run (docs/suite-format.md,
"Program tasks"). Layer 3 (cases): imports nothing of the harness.

Paths are looked up on the worker's file system view, so whatever the sandbox shows is what
compiles: g++ under /usr, the .NET SDK and runtime under /usr/share/dotnet (or /usr/lib/dotnet)."""
import glob
import os

GXX = "/usr/bin/g++"
DOTNET_ROOTS = ("/usr/share/dotnet", "/usr/lib/dotnet", "/usr/local/share/dotnet")
CPP_OPTIONS = ["-O2", "-std=gnu++17", "-pipe"]


def _version_key(path):
    parts = []
    for piece in path.replace("-", ".").replace("/", ".").split("."):
        parts.append((0, int(piece), "") if piece.isdigit() else (1, 0, piece))
    return parts


def dotnet():
    """(dotnet host, csc.dll, reference assemblies, runtime version) or None."""
    for root in DOTNET_ROOTS:
        host = os.path.join(root, "dotnet")
        if not os.path.exists(host):
            continue
        cscs = sorted(glob.glob(os.path.join(root, "sdk", "*", "Roslyn", "bincore", "csc.dll")), key=_version_key)
        packs = sorted(glob.glob(os.path.join(root, "packs", "Microsoft.NETCore.App.Ref", "*", "ref", "net*")),
                       key=_version_key)
        runtimes = sorted(glob.glob(os.path.join(root, "shared", "Microsoft.NETCore.App", "*")), key=_version_key)
        if not cscs or not runtimes:
            return None
        refs = sorted(glob.glob(os.path.join(packs[-1] if packs else runtimes[-1], "*.dll")))
        return host, cscs[-1], refs, os.path.basename(runtimes[-1])
    return None


def compile_command(language, options):
    """(argv, source file name, artifact file name, env) compiling `language`, or None when this
    worker has no toolchain for it. `options` replace the default compiler options (C++)."""
    if language == "cpp":
        if not os.path.exists(GXX):
            return None
        return ([GXX] + list(options if options else CPP_OPTIONS) + ["-o", "main", "main.cpp"],
                "main.cpp", "main", {})
    if language == "csharp":
        found = dotnet()
        if found is None:
            return None
        host, csc, refs, _ = found
        argv = [host, csc, "-nologo", "-noconfig", "-nostdlib+", "-optimize+", "-deterministic",
                "-target:exe", "-langversion:latest", "-nullable:disable", "-unsafe-",
                "-out:main.dll"] + ["-r:" + r for r in refs] + list(options or []) + ["main.cs"]
        return argv, "main.cs", "main.dll", dotnet_env(0)
    return None


def dotnet_env(memory_bytes):
    env = {"DOTNET_EnableDiagnostics": "0", "DOTNET_CLI_TELEMETRY_OPTOUT": "1",
           "DOTNET_gcConcurrent": "0",
           "DOTNET_TieredPGO": "0", "DOTNET_NOLOGO": "1", "DOTNET_SKIP_FIRST_TIME_EXPERIENCE": "1"}
    if memory_bytes:
        env["DOTNET_GCHeapHardLimit"] = "0x%x" % memory_bytes
    return env


def runtime_config():
    found = dotnet()
    version = found[3] if found else "10.0.0"
    major_minor = ".".join(version.split(".")[:2])
    return ('{"runtimeOptions":{"tfm":"net%s","framework":{"name":"Microsoft.NETCore.App",'
            '"version":"%s.0"},"rollForward":"LatestPatch","configProperties":'
            '{"System.GC.Concurrent":false,"System.Globalization.Invariant":true}}}' % (major_minor, major_minor))


def run_setup(language, artifact_dir, memory_bytes):
    """(setup fields, memory limit for RLIMIT_AS) to run a compiled artifact: argv (and env)."""
    if language == "cpp":
        return {"argv": [os.path.join(artifact_dir, "main")]}, memory_bytes
    if language == "csharp":
        found = dotnet()
        host = found[0] if found else "/usr/bin/dotnet"
        # RLIMIT_AS breaks .NET (it reserves far more address space than it uses): the GC's hard
        # heap limit bounds the managed heap instead.
        return {"argv": [host, os.path.join(artifact_dir, "main.dll")],
                "env": dotnet_env(memory_bytes), "open_files": 256}, 0
    raise ValueError("no runner for language %r" % (language,))
