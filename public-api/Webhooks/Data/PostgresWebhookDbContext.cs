using Microsoft.EntityFrameworkCore;

namespace BffPlatform.PublicApi.Webhooks.Data;

/// <summary>
/// The same model on PostgreSQL (<c>Database:Provider=Postgres</c>): a context type of its own so
/// that its migrations (Migrations/Postgres) stay apart from SQLite's.
/// </summary>
public sealed class PostgresWebhookDbContext(DbContextOptions<PostgresWebhookDbContext> options) : WebhookDbContext(options);
