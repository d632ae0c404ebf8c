using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KtvRec.Domain.Storage.PostgresMigrations
{
    /// <inheritdoc />
    public partial class RoomQueues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "Queue",
                table: "RoomSessions",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<long>(
                name: "QueueRevision",
                table: "RoomSessions",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "IX_RoomSessions_QueueRevision",
                table: "RoomSessions",
                column: "QueueRevision");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RoomSessions_QueueRevision",
                table: "RoomSessions");

            migrationBuilder.DropColumn(
                name: "Queue",
                table: "RoomSessions");

            migrationBuilder.DropColumn(
                name: "QueueRevision",
                table: "RoomSessions");
        }
    }
}
