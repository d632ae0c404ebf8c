// Drives the dashboard of a running service in a real Chromium and prints what it saw as one JSON line.
// Usage: node dashboard.mjs --url http://127.0.0.1:PORT --key ADMIN_KEY --out DIR
// Exits 1 (with the reason on stderr) when the page misbehaves; the API test that runs it checks the JSON against the API.
import { parseArgs } from "node:util";
import path from "node:path";
import { chromium } from "playwright-core";

const { values: args } = parseArgs({
  options: { url: { type: "string" }, key: { type: "string" }, out: { type: "string" }, timeout: { type: "string", default: "240" } },
});
const timeout = Number(args.timeout) * 1000;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-background-networking", "--disable-dev-shm-usage"],
});
const consoleErrors = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(timeout);
  page.on("console", (message) => message.type() === "error" && consoleErrors.push(message.text()));
  page.on("pageerror", (error) => consoleErrors.push(error.message));

  await page.goto(`${args.url}/`);
  const landedOn = new URL(page.url()).pathname;
  const serving = await page.locator("#serving .version").textContent();
  await page.locator("#ndcg-chart svg circle.point").first().waitFor();
  await page.locator("#events-chart svg rect.bar").first().waitFor();
  const rows = page.locator("#models tbody tr");
  const before = await rows.evaluateAll((all) => all.map((row) => row.dataset.version));

  await page.fill("#api-key", args.key);
  await page.click("#key-form button[type=submit]");
  await page.click("#retrain");
  await page.locator("#action-status", { hasText: "queued" }).waitFor();
  // The new run's row, once it has finished (whatever the gate said).
  await page.waitForFunction(
    (known) => [...document.querySelectorAll("#models tbody tr")]
      .some((row) => !known.includes(row.dataset.version) && row.dataset.status !== "training"),
    before, { timeout });
  const after = await rows.evaluateAll((all) => all.map((row) => ({ version: row.dataset.version, status: row.dataset.status })));
  const retrained = after.find((row) => !before.includes(row.version));
  await page.locator("#training-section #epochs tbody tr").first().waitFor();
  const epochsShown = await page.locator("#epochs tbody tr").count();
  const schedule = await page.locator("#training-schedule").textContent();

  await page.click("#try-form button[type=submit]");
  await page.locator("#try-list li.song").first().waitFor();
  const tryIt = await page.locator("#try-list li.song").evaluateAll((songs) => songs.map((song) => ({
    title: song.querySelector(".title").textContent,
    reasons: [...song.querySelectorAll(".reasons li")].map((reason) => reason.dataset.kind),
  })));
  const target = await page.locator("#try-target").inputValue();

  // The week's chart; its first song blocked from the rules form leaves it at once; the rule removed brings it back.
  const chartSongs = () => page.locator("#venue-chart tbody tr").evaluateAll((rows) => rows.map((row) => row.dataset.songId));
  await page.locator("#venue-chart tbody tr").first().waitFor();
  const chartBefore = await chartSongs();
  const blocked = chartBefore[0];
  await page.selectOption("#rule-form select[name=kind]", "block");
  await page.fill("#rule-form input[name=songId]", blocked);
  await page.fill("#rule-form input[name=note]", "licence expired");
  await page.click("#rule-form button[type=submit]");
  await page.locator(`#rules tbody tr[data-song-id="${blocked}"]`).waitFor();
  const charted = ([song, shown]) => [...document.querySelectorAll("#venue-chart tbody tr")].some((row) => row.dataset.songId === song) === shown;
  await page.waitForFunction(charted, [blocked, false]);
  const chartBlocked = await chartSongs();
  const rulesShown = await page.locator("#rules tbody tr").evaluateAll((rows) => rows.map((row) => ({ id: row.dataset.ruleId, songId: row.dataset.songId })));
  await page.screenshot({ path: path.join(args.out, "dashboard.png"), fullPage: true });
  await page.click(`#rules tbody tr[data-song-id="${blocked}"] button`);
  await page.locator("#rules tbody tr").first().waitFor({ state: "detached" });
  await page.waitForFunction(charted, [blocked, true]);

  // A phone: nothing wider than the screen, so nothing needs sideways scrolling but the tables' own boxes.
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await page.screenshot({ path: path.join(args.out, "dashboard-phone.png"), fullPage: true });

  console.log(JSON.stringify({
    landedOn, serving, before, after, retrained, epochsShown, schedule, target, tryIt, chartBefore, chartBlocked, rulesShown, overflow, consoleErrors,
  }));
} catch (error) {
  console.error(`${error.message}\nconsole errors: ${JSON.stringify(consoleErrors)}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
