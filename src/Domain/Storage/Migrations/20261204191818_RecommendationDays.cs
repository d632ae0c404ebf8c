using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KtvRec.Domain.Storage.Migrations
{
    /// <inheritdoc />
    public partial class RecommendationDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RecommendationDays",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Strategy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Lists = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecommendationDays", x => new { x.Day, x.Strategy });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RecommendationDays");
        }
    }
}
