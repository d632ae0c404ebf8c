using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KtvRec.Domain.Storage.PostgresMigrations
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
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Strategy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Lists = table.Column<long>(type: "bigint", nullable: false)
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
