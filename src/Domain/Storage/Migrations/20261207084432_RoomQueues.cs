using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KtvRec.Domain.Storage.Migrations
{
    /// <inheritdoc />
    public partial class RoomQueues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Queue",
                table: "RoomSessions",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<long>(
                name: "QueueRevision",
                table: "RoomSessions",
                type: "INTEGER",
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
