using System.Data.Common;
using BffPlatform.CoreApi.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace BffPlatform.CoreApi.Tests.Infrastructure;

/// <summary>
/// core-api on SQLite whose INSERTs into a chosen table fail on demand, the way SQLite itself
/// fails them: <see cref="Busy"/> (another writer held the lock past the busy timeout, transient)
/// or <see cref="UniqueViolation"/> (a concurrent writer inserted the row first). Counts every
/// INSERT into that table, failed or not, so a test sees how often core-api tried.
/// </summary>
public sealed class InsertFaultsCoreApiFactory : CoreApiFactory
{
    private readonly InsertFaults _faults = new();

    public static SqliteException Busy() => new("database is locked", 5);

    public static SqliteException UniqueViolation() => new("UNIQUE constraint failed", 19, 2067);

    /// <summary>The next <paramref name="times"/> INSERTs into <paramref name="table"/> throw <paramref name="error"/>; the count starts again.</summary>
    public void FailInserts(string table, int times, Func<DbException> error) => _faults.Arm(table, times, error);

    /// <summary>INSERTs into the armed table since <see cref="FailInserts"/>.</summary>
    public int Inserts => _faults.Seen;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.ConfigureDbContext<CoreDbContext>(o => o.AddInterceptors(_faults)));
    }

    private sealed class InsertFaults : DbCommandInterceptor
    {
        private readonly Lock _lock = new();
        private string? _table;
        private int _failures;
        private int _seen;
        private Func<DbException> _error = Busy;

        public int Seen
        {
            get
            {
                lock (_lock) return _seen;
            }
        }

        public void Arm(string table, int times, Func<DbException> error)
        {
            lock (_lock)
            {
                (_table, _failures, _seen, _error) = (table, times, 0, error);
            }
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void Check(DbCommand command)
        {
            lock (_lock)
            {
                if (_table is null || !command.CommandText.Contains($"INSERT INTO \"{_table}\"", StringComparison.Ordinal)) return;
                _seen++;
                if (_failures <= 0) return;
                _failures--;
                throw _error();
            }
        }
    }
}
