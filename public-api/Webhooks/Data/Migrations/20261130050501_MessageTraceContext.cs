using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BffPlatform.PublicApi.Webhooks.Data.Migrations
{
    /// <inheritdoc />
    public partial class MessageTraceContext : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TraceParent",
                table: "messages",
                type: "TEXT",
                maxLength: 55,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TraceState",
                table: "messages",
                type: "TEXT",
                maxLength: 512,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TraceParent",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "TraceState",
                table: "messages");
        }
    }
}
