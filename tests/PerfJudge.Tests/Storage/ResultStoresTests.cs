using Npgsql;
using PerfJudge.Storage;

namespace PerfJudge.Tests.Storage;

/// <summary>Store strings: which store they name, the Npgsql form of a postgres:// URL, and a display
/// form without the password.</summary>
public class ResultStoresTests
{
    [Theory]
    [InlineData("postgres://u@h/db", true)]
    [InlineData("postgresql://u@h/db", true)]
    [InlineData("Host=h;Database=db", true)]
    [InlineData(".perfjudge/results.db", false)]
    [InlineData("postgres.db", false)]
    public void Postgres_is_chosen_by_the_store_string(string store, bool postgres) => Assert.Equal(postgres, ResultStores.IsPostgres(store));

    [Fact]
    public void A_url_becomes_a_connection_string_and_its_password_is_never_displayed()
    {
        var url = "postgres://judge:p%40ss%3Aw0rd@db.example:6543/perf_judge?sslmode=require&Timeout=7";
        var builder = new NpgsqlConnectionStringBuilder(ResultStores.ConnectionString(url));
        Assert.Equal(("db.example", 6543, "perf_judge", "judge", "p@ss:w0rd"), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password));
        Assert.Equal(SslMode.Require, builder.SslMode);
        Assert.Equal(7, builder.Timeout);
        Assert.Equal("postgres://judge@db.example:6543/perf_judge", ResultStores.Display(url));
        Assert.Equal(5432, new NpgsqlConnectionStringBuilder(ResultStores.ConnectionString("postgres://u@h/d")).Port);
    }
}
