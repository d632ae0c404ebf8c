// Traffic: events per hour by type over the last 7 days; lists served and the pick rate per day.
import { api } from "./api.js";
import { barChart, lineChart, noData, palette } from "./charts.js";

const eventTypes = ["play", "complete", "skip", "like", "favorite", "score", "impression"];

export async function loadTraffic() {
  const [events, lists, picks] = await Promise.all([
    api("/stats/events?days=7"), api("/stats/recommendations?days=30"), api("/stats/pick-rates"),
  ]);
  showEvents(events);
  showLists(lists, picks);
}

function showEvents(events) {
  const from = new Date(events.from);
  const hours = Array.from({ length: 7 * 24 }, (_, i) => new Date(from.getTime() + i * 3600_000));
  const index = new Map(hours.map((hour, i) => [hour.getTime(), i]));
  const counts = Object.fromEntries(eventTypes.map((type) => [type, new Array(hours.length).fill(0)]));
  for (const { hour, type, count } of events.hours) {
    const i = index.get(new Date(hour).getTime());
    if (i !== undefined && counts[type]) counts[type][i] += count;
  }
  barChart(document.getElementById("events-chart"), {
    label: "Events per hour by type, last 7 days",
    labels: hours.map((hour) => hour.toLocaleString([], { weekday: "short", hour: "2-digit" })),
    series: eventTypes.map((type, i) => ({ name: type, color: palette[i], values: counts[type] })),
  });
}

function showLists(lists, picks) {
  const from = new Date(`${lists.from}T00:00:00Z`);
  const days = Array.from({ length: 30 }, (_, i) => new Date(from.getTime() + i * 86400_000).toISOString().slice(0, 10));
  const strategies = [...new Set(lists.days.map((d) => d.strategy))].sort();
  const served = Object.fromEntries(strategies.map((s) => [s, new Array(days.length).fill(0)]));
  for (const d of lists.days) {
    const i = days.indexOf(d.day);
    if (i >= 0) served[d.strategy][i] += d.lists;
  }
  const labels = days.map((day) => day.slice(5));
  if (lists.days.length === 0) noData(document.getElementById("lists-chart"), "No recommendation list served in the last 30 days.");
  else barChart(document.getElementById("lists-chart"), {
    label: "Recommendation lists served per day, by strategy", labels,
    series: strategies.map((s, i) => ({ name: s, color: palette[i], values: served[s] })),
  });

  const shown = new Array(days.length).fill(0);
  const picked = new Array(days.length).fill(0);
  for (const d of picks.days) {
    const i = days.indexOf(d.day);
    if (i < 0) continue;
    shown[i] += d.shown;
    picked[i] += d.picked;
  }
  if (shown.every((n) => n === 0)) {
    noData(document.getElementById("pick-chart"), "No list's songs were reported shown (impression events with its recommendationId) in the last 30 days.");
    return;
  }
  lineChart(document.getElementById("pick-chart"), {
    label: "Pick rate per day: songs picked from lists / songs shown", labels, format: (v) => `${(v * 100).toFixed(1)} %`,
    series: [{ name: "pick rate", color: palette[0], values: shown.map((n, i) => (n === 0 ? null : picked[i] / n)) }],
  });
}
