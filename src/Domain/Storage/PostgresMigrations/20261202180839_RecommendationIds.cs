using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KtvRec.Domain.Storage.PostgresMigrations
{
    /// <inheritdoc />
    public partial class RecommendationIds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RecommendationId",
                table: "Events",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RecommendationId",
                table: "Events");
        }
    }
}
