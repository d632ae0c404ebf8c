// Training live: the run in progress on this node, epoch by epoch, from GET /models/training.
import { api, text, when } from "./api.js";
import { lineChart, palette } from "./charts.js";

export async function loadTraining() {
  const progress = await api("/models/training");
  const summary = document.getElementById("training-summary");
  if (!progress.version) {
    summary.textContent = "No training has run on this node since it started.";
  } else if (progress.running) {
    const epochs = progress.epochs.length;
    const plan = progress.startedFrom
      ? `incremental from ${progress.startedFrom}: ${progress.maxEpochs} pass${progress.maxEpochs === 1 ? "" : "es"}, then the final fit`
      : `selection: at most ${progress.maxEpochs}; then the final fit`;
    summary.replaceChildren(text("strong", `Training ${progress.version}`), ` (${progress.trigger}), started ${when(progress.startedAt)}: ` +
      `${progress.phase}, ${epochs} epoch${epochs === 1 ? "" : "s"} done (${plan}).`);
  } else {
    const kind = progress.startedFrom ? `, incremental from ${progress.startedFrom}` : "";
    summary.replaceChildren(text("strong", `Last run ${progress.version}`), ` (${progress.trigger}${kind}), finished ${when(progress.finishedAt)}: ${progress.outcome}`);
  }
  summary.dataset.running = progress.running;
  showSchedule(progress.schedule);

  const body = document.querySelector("#epochs tbody");
  body.replaceChildren(...progress.epochs.map((e) => {
    const row = document.createElement("tr");
    row.append(
      text("td", `${e.trial}`), text("td", `${e.epoch}`), text("td", e.trainLoss.toFixed(4)), text("td", e.validationAuc === null ? "" : e.validationAuc.toFixed(4)),
      text("td", e.validationNdcg === null ? "" : e.validationNdcg.toFixed(4)), text("td", Math.round(e.samplesPerSecond).toLocaleString()),
      text("td", `${e.seconds.toFixed(1)} s`));
    return row;
  }));

  const chart = document.getElementById("training-chart");
  if (progress.epochs.length === 0) {
    chart.replaceChildren();
  } else {
    lineChart(chart, {
      label: "Loss and validation figures per epoch",
      labels: progress.epochs.map((e) => `${e.trial}.${e.epoch}`),
      series: [
        { name: "training loss", color: palette[3], values: progress.epochs.map((e) => e.trainLoss) },
        { name: "validation AUC", color: palette[0], values: progress.epochs.map((e) => e.validationAuc) },
        { name: "validation NDCG", color: palette[2], values: progress.epochs.map((e) => e.validationNdcg) },
      ],
    });
  }
  return progress;
}

// When the recurring retrains run: the full one from scratch, the incremental one from the serving model.
function showSchedule(schedule) {
  const each = (name, cron, next) => (cron ? `${name}: ${cron} (UTC), next ${when(next)}` : `${name}: not scheduled`);
  document.getElementById("training-schedule").textContent = schedule
    ? `${each("Full retrain", schedule.full, schedule.nextFull)}. ${each("Incremental retrain", schedule.incremental, schedule.nextIncremental)}.`
    : "";
}
