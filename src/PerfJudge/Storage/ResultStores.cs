using Npgsql;

namespace PerfJudge.Storage;

/// <summary>Opens the store a store string names: <c>postgres://user:password@host:port/database</c>
/// (or <c>postgresql://</c>, or an Npgsql <c>Host=...;Database=...</c> connection string) for
/// PostgreSQL, anything else is the path of a SQLite file.</summary>
public static class ResultStores
{
    /// <summary>The environment variable that gives the store when <c>--store</c> is not given.</summary>
    public const string EnvironmentVariable = "PERFJUDGE_STORE";

    /// <summary>True when <paramref name="store"/> names a PostgreSQL database.</summary>
    public static bool IsPostgres(string store) =>
        store.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) ||
        store.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) ||
        store.StartsWith("Host=", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens <paramref name="store"/> (creating a SQLite file, or migrating a database).</summary>
    /// <exception cref="NpgsqlException">The PostgreSQL server cannot be reached or refuses the login.</exception>
    public static IResultStore Open(string store) =>
        IsPostgres(store) ? new PostgresResultStore(ConnectionString(store)) : new SqliteResultStore(store);

    /// <summary><paramref name="store"/> as a form fit to show: the password of a URL or connection string hidden.</summary>
    public static string Display(string store)
    {
        if (!IsPostgres(store))
        {
            return store;
        }
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString(store));
            return $"postgres://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}";
        }
        catch (Exception ex) when (ex is ArgumentException or UriFormatException or FormatException)
        {
            return "(a PostgreSQL store string that does not parse)";
        }
    }

    /// <summary>The Npgsql connection string of a <c>postgres://</c> URL (query parameters become
    /// keywords, e.g. <c>?sslmode=require</c>); a key=value string is returned as it is.</summary>
    public static string ConnectionString(string store)
    {
        if (store.StartsWith("Host=", StringComparison.OrdinalIgnoreCase))
        {
            return store;
        }
        var uri = new Uri(store);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = Uri.UnescapeDataString(uri.Host),
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } db ? db : "postgres",
        };
        var user = uri.UserInfo.Split(':', 2);
        if (user[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(user[0]);
        }
        if (user.Length > 1)
        {
            builder.Password = Uri.UnescapeDataString(user[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            builder[Uri.UnescapeDataString(kv[0])] = kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : "";
        }
        return builder.ConnectionString;
    }
}
