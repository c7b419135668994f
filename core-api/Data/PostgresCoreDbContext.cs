using Microsoft.EntityFrameworkCore;

namespace BffPlatform.CoreApi.Data;

/// <summary>
/// <see cref="CoreDbContext"/> on PostgreSQL. Its own type gives it its own migrations
/// (<c>Data/Migrations/Postgres</c>, PostgreSQL-typed) beside the SQLite set; the model is the same.
/// </summary>
public sealed class PostgresCoreDbContext(DbContextOptions<PostgresCoreDbContext> options) : CoreDbContext(options);
