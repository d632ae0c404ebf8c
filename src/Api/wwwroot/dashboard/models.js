// Models: the serving version, every run with its figures on the gate's held-out users beside the references that answer
// the same question (its candidates without the ranker, popularity, the users' favourites then item-kNN; for the
// discovery list item-kNN and EASE), a chart of them per version, and the admin actions (retrain, activate a version).
import { api, ApiError, text, when } from "./api.js";
import { lineChart, noData, palette } from "./charts.js";

const k = 20;
const figure = (v, name) => (v.metrics?.[name] === undefined ? null : v.metrics[name]);
const fixed = (value) => (value === null ? "" : value.toFixed(4));

export async function loadModels(report) {
  const [versions, current] = await Promise.all([api("/models?limit=100"), currentModel()]);
  showServing(current);
  showTable(versions, report);
  showCharts(versions);
  return versions;
}

async function currentModel() {
  try {
    return await api("/models/current");
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

function showServing(current) {
  const serving = document.getElementById("serving");
  if (!current) {
    serving.textContent = "Serving: popularity (no model has passed the gate yet)";
    return;
  }
  const pickRate = current.pickRate ? `, pick rate ${(current.pickRate.rate * 100).toFixed(1)} %` : "";
  serving.replaceChildren("Serving: ", text("strong", current.version, "version"),
    ` (${current.kind}, NDCG@${k} ${fixed(figure(current, `ndcg@${k}`))}${pickRate})`);
}

function showTable(versions, report) {
  const body = document.querySelector("#models tbody");
  body.replaceChildren(...versions.map((v) => {
    const row = document.createElement("tr");
    row.dataset.version = v.version;
    row.dataset.status = v.status;
    const cells = [
      text("td", v.version, "mono"), text("td", figure(v, "incremental") === 1 ? `${v.status} (incremental)` : v.status, `status ${v.status}`),
      text("td", when(v.createdAt)),
      text("td", v.trainRows ? v.trainRows.toLocaleString() : ""), text("td", v.trainSeconds ? `${v.trainSeconds.toFixed(1)} s` : ""),
      text("td", fixed(figure(v, "auc"))), text("td", fixed(figure(v, `recall@${k}`))), text("td", fixed(figure(v, `ndcg@${k}`))),
      text("td", fixed(figure(v, `without_model_ndcg@${k}`))), text("td", fixed(figure(v, `popularity_ndcg@${k}`))),
      text("td", fixed(figure(v, `favourites_knn_ndcg@${k}`))), text("td", fixed(figure(v, `discovery_ndcg@${k}`))),
      text("td", fixed(figure(v, `knn_ndcg@${k}`))), text("td", fixed(figure(v, `ease_ndcg@${k}`))),
      text("td", v.pickRate ? `${(v.pickRate.rate * 100).toFixed(1)} %` : ""), text("td", v.reason, "reason"),
    ];
    const action = document.createElement("td");
    if (v.status === "retired" || v.status === "rejected") {
      const button = text("button", "Activate", "secondary");
      button.addEventListener("click", () => activate(v.version, report));
      action.append(button);
    }
    row.append(...cells, action);
    return row;
  }));
}

function showCharts(versions) {
  const judged = versions.filter((v) => figure(v, `ndcg@${k}`) !== null).reverse();
  const labels = judged.map((v) => new Date(v.createdAt).toLocaleString([], { month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }));
  const charts = [
    ["ndcg-chart", `NDCG@${k} of the default list`, [["model", ""], ["without the ranker", "without_model_"], ["popularity", "popularity_"], ["favourites then item-kNN", "favourites_knn_"]]],
    ["discovery-chart", `NDCG@${k} of the discovery list`, [["model", "discovery_"], ["without the ranker", "discovery_without_model_"], ["item-kNN", "knn_"], ["EASE", "ease_"]]],
  ];
  for (const [id, label, series] of charts) {
    const container = document.getElementById(id);
    if (judged.length === 0) {
      noData(container, "No model has been judged yet: the chart appears after the first training.");
      continue;
    }
    lineChart(container, {
      label: `${label} per model version`, labels, format: (v) => v.toFixed(3),
      series: series.map(([name, prefix], i) => ({ name, color: palette[i], values: judged.map((v) => figure(v, `${prefix}ndcg@${k}`)) })),
    });
  }
}

async function activate(version, report) {
  if (!confirm(`Serve ${version} from now on, on every node?`)) return;
  try {
    await api(`/models/${encodeURIComponent(version)}/activate`, { method: "POST" });
    report(`${version} serves now.`);
  } catch (error) {
    report(`Could not activate ${version}: ${error.message}`, true);
  }
}

export async function retrain(report) {
  try {
    const { jobId } = await api("/admin/retrain", { method: "POST" });
    report(`Training queued (job ${jobId}); its progress shows below.`);
    return true;
  } catch (error) {
    report(`Could not start a training: ${error.message}`, true);
    return false;
  }
}
