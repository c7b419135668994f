using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BffPlatform.CoreApi.Data.Migrations
{
    /// <inheritdoc />
    public partial class OrderChangeFeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "order_change_counters",
                columns: table => new
                {
                    CustomerId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_order_change_counters", x => x.CustomerId);
                });

            migrationBuilder.CreateTable(
                name: "order_changes",
                columns: table => new
                {
                    CustomerId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_order_changes", x => new { x.CustomerId, x.Sequence });
                    table.ForeignKey(
                        name: "FK_order_changes_orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_order_changes_ChangedAt",
                table: "order_changes",
                column: "ChangedAt");

            migrationBuilder.CreateIndex(
                name: "IX_order_changes_OrderId_Sequence",
                table: "order_changes",
                columns: new[] { "OrderId", "Sequence" });

            // Orders placed before the feed existed: one change each (at its last update), numbered
            // per customer, so a full sync (no token) still returns them.
            migrationBuilder.Sql("""
                INSERT INTO order_changes (CustomerId, Sequence, OrderId, ChangedAt)
                SELECT CustomerId, ROW_NUMBER() OVER (PARTITION BY CustomerId ORDER BY UpdatedAt, Id), Id, UpdatedAt FROM orders;
                """);
            migrationBuilder.Sql("""
                INSERT INTO order_change_counters (CustomerId, Sequence)
                SELECT CustomerId, MAX(Sequence) FROM order_changes GROUP BY CustomerId;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "order_change_counters");

            migrationBuilder.DropTable(
                name: "order_changes");
        }
    }
}
