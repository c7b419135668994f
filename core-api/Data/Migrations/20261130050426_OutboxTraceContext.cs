using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BffPlatform.CoreApi.Data.Migrations
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
                type: "TEXT",
                maxLength: 55,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TraceState",
                table: "outbox_events",
                type: "TEXT",
                maxLength: 512,
                nullable: true);
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
