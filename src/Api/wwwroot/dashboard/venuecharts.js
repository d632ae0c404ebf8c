// The venue's song charts: the most sung songs of the last day, week or month, with each song's movement.
import { api, text } from "./api.js";

const arrows = { up: "▲", down: "▼", same: "=", new: "new" };

export async function loadVenueChart() {
  const period = document.getElementById("chart-period").value;
  const chart = await api(`/charts?period=${encodeURIComponent(period)}&count=10`);
  const rows = chart.items.map((song) => {
    const row = document.createElement("tr");
    row.dataset.songId = song.songId;
    const movement = song.trend === "new" || song.trend === "same" ? arrows[song.trend] : `${arrows[song.trend]} ${Math.abs(song.movement)}`;
    row.append(text("td", song.rank), text("td", song.title), text("td", song.artist), text("td", song.singers),
      text("td", movement, `trend ${song.trend}`));
    return row;
  });
  document.querySelector("#venue-chart tbody").replaceChildren(...rows);
  document.getElementById("chart-empty").textContent = rows.length === 0 ? `Nothing sung in this ${period} yet.` : "";
}
