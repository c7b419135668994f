using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BffPlatform.CoreApi.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OutboxTraceContext : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TraceParent",
                table: "outbox_events",
                type: "character varying(55)",
                maxLength: 55,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "TraceState",
                table: "outbox_events",
                type: "character varying(512)",
                maxLength: 512,
                nullable: true,
                collation: "C");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TraceParent",
                table: "outbox_events");

            migrationBuilder.DropColumn(
                name: "TraceState",
                table: "outbox_events");
        }
    }
}
