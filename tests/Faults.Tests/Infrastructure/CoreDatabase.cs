using Microsoft.Data.Sqlite;

namespace BffPlatform.Faults.Tests.Infrastructure;

/// <summary>
/// core-api's SQLite file read behind its back: what was really written (orders, their lines,
/// stock, idempotency records), whatever the API answered.
/// </summary>
public sealed class CoreDatabase(string file)
{
    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();

    public async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Orders holding a line of <paramref name="product"/>.</summary>
    public Task<long> OrdersOfAsync(Guid product) =>
        ScalarAsync("SELECT COUNT(DISTINCT OrderId) FROM order_lines WHERE upper(ProductId) = $p", ("$p", Text(product)));

    /// <summary>Items of <paramref name="product"/> sold (all its order lines).</summary>
    public Task<long> SoldAsync(Guid product) =>
        ScalarAsync("SELECT COALESCE(SUM(Quantity), 0) FROM order_lines WHERE upper(ProductId) = $p", ("$p", Text(product)));

    public Task<long> StockAsync(Guid product) =>
        ScalarAsync("SELECT Stock FROM products WHERE upper(Id) = $p", ("$p", Text(product)));

    /// <summary>Orders without a single line: half-written orders (must be none).</summary>
    public Task<long> OrdersWithoutLinesAsync() =>
        ScalarAsync("SELECT COUNT(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.OrderId = o.Id)");

    /// <summary>
    /// Holds SQLite's write lock (BEGIN EXCLUSIVE; in WAL mode readers go on) until disposed: every
    /// writer of core-api waits for it and gives up at its busy timeout, as when a long migration,
    /// a backup tool or a stuck process holds the database.
    /// </summary>
    public async Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using (var begin = connection.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            await begin.ExecuteNonQueryAsync();
        }
        return connection;
    }

    private static string Text(Guid id) => id.ToString().ToUpperInvariant();
}
