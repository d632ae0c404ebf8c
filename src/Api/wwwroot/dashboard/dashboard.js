// The dashboard's wiring: the key form, the buttons, and each section loaded and refreshed on its own schedule.
import { apiKey } from "./api.js";
import { loadModels, retrain } from "./models.js";
import { loadTraining } from "./training.js";
import { loadTraffic } from "./traffic.js";
import { loadChoices, showList } from "./tryit.js";
import { addRule, loadRules, removeRule } from "./rules.js";
import { loadVenueChart } from "./venuecharts.js";

const idleSeconds = 15;
const trainingSeconds = 2;
let watchTraining = false;
let wasRunning = false;

// Runs a section's loader; a failure shows in that section (with a hint when the key is missing), never in the console.
async function section(id, load) {
  const error = document.querySelector(`#${id} .error`);
  try {
    const result = await load();
    error.textContent = "";
    return result;
  } catch (failure) {
    const hint = failure.status === 401 || failure.status === 403 ? " Enter a key that may read this (above)." : "";
    error.textContent = `${failure.message}${hint}`;
    return undefined;
  }
}

function report(message, isError = false) {
  const status = document.getElementById("action-status");
  status.textContent = message;
  status.classList.toggle("failed", isError);
  refreshModels();
}

const refreshModels = () => section("models-section", () => loadModels(report));

async function pollTraining() {
  const progress = await section("training-section", loadTraining);
  const running = progress?.running ?? false;
  // A run that just ended has a new row (and maybe a new serving version): show it now, not at the next idle refresh.
  if (wasRunning && !running) {
    watchTraining = false;
    await refreshModels();
  }
  wasRunning = running;
  setTimeout(pollTraining, (running || watchTraining ? trainingSeconds : idleSeconds) * 1000);
}

function setUpKey() {
  const input = document.getElementById("api-key");
  const state = document.getElementById("key-state");
  const show = () => (state.textContent = apiKey.get() ? "A key is set for this tab." : "No key: reads only, where the service allows them.");
  document.getElementById("key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    apiKey.set(input.value.trim());
    input.value = "";
    show();
    refreshAll();
  });
  document.getElementById("forget-key").addEventListener("click", () => {
    apiKey.set("");
    show();
  });
  show();
}

function refreshAll() {
  refreshModels();
  section("traffic-section", loadTraffic);
  section("try-section", loadChoices);
  section("chart-section", loadVenueChart);
  section("rules-section", loadRules);
}

setUpKey();
document.getElementById("retrain").addEventListener("click", async () => {
  if (await retrain(report)) watchTraining = true;
});
document.getElementById("try-form").addEventListener("submit", (event) => {
  event.preventDefault();
  // The list just served counts in the traffic at once.
  section("try-section", showList).then(() => section("traffic-section", loadTraffic));
});
document.getElementById("chart-period").addEventListener("change", () => section("chart-section", loadVenueChart));
document.getElementById("rule-form").addEventListener("submit", (event) => {
  event.preventDefault();
  section("rules-section", addRule);
});
document.addEventListener("rule-remove", (event) => section("rules-section", () => removeRule(event.detail)));
// A rule changes every list at once: the rules and the chart are shown again.
document.addEventListener("rules-changed", () => {
  section("rules-section", loadRules);
  section("chart-section", loadVenueChart);
});
refreshAll();
pollTraining();
setInterval(refreshModels, 30_000);
setInterval(() => section("traffic-section", loadTraffic), 60_000);
setInterval(() => section("chart-section", loadVenueChart), 60_000);
