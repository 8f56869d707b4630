using System.Diagnostics;
using Npgsql;
using PerfJudge.Storage;

namespace PerfJudge.Tests.Support;

/// <summary>The services the scale-out tests need, as .ci/services.sh starts them: PostgreSQL
/// ($PERFJUDGE_TEST_PG, default the test database it creates) and a single-node Slurm cluster.</summary>
public static class Services
{
    /// <summary>The test database's URL.</summary>
    public static string PostgresUrl => Environment.GetEnvironmentVariable("PERFJUDGE_TEST_PG") is { Length: > 0 } url
        ? url : "postgres://postgres:perfjudge@localhost:5432/perfjudge_test";

    /// <summary>Why PostgreSQL cannot be used, or null when it answers.</summary>
    public static string? PostgresProblem()
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(ResultStores.ConnectionString(PostgresUrl)) { Timeout = 3 };
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            return null;
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException or InvalidOperationException)
        {
            return $"PostgreSQL at {ResultStores.Display(PostgresUrl)} does not answer ({ex.Message}); run .ci/services.sh";
        }
    }

    /// <summary>Why Slurm cannot be used, or null when a node is up.</summary>
    public static string? SlurmProblem()
    {
        try
        {
            var info = new ProcessStartInfo("sinfo", "-h -o %T") { RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = Process.Start(info)!;
            var read = p.StandardOutput.ReadToEndAsync();
            if (!p.WaitForExit(15_000))
            {
                p.Kill();
                return "sinfo did not answer within 15 s (slurmctld down?); run .ci/services.sh";
            }
            var output = read.Result;
            return p.ExitCode == 0 && output.Split('\n').Any(s => s.Trim() is "idle" or "mixed" or "allocated")
                ? null : $"no Slurm node is up (sinfo: {output.Trim()}); run .ci/services.sh";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "Slurm is not installed (sinfo not found); run .ci/services.sh";
        }
    }
}

/// <summary>A fact that needs PostgreSQL: skipped with a reason when it does not answer, except under
/// CI=true, where .ci/run starts it and the test must run (and fails loudly without it).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CI") != "true" && Services.PostgresProblem() is { } problem)
        {
            Skip = problem;
        }
    }
}

/// <summary>A fact that needs a Slurm cluster: skipped with a reason when none is up, except under
/// CI=true, where .ci/run starts a single-node one and the test must run.</summary>
public sealed class SlurmFactAttribute : FactAttribute
{
    public SlurmFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CI") != "true" && Services.SlurmProblem() is { } problem)
        {
            Skip = problem;
        }
    }
}
