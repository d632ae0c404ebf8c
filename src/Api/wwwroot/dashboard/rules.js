// The venue's rules: songs blocked, promoted or pinned on every list, added and removed here (an admin key is needed).
import { api, text, when } from "./api.js";

export async function loadRules() {
  const { rules } = await api("/rules");
  const rows = rules.map((rule) => {
    const row = document.createElement("tr");
    row.dataset.ruleId = rule.id;
    row.dataset.songId = rule.songId;
    const remove = text("button", "Remove", "secondary");
    remove.type = "button";
    remove.addEventListener("click", () => document.dispatchEvent(new CustomEvent("rule-remove", { detail: rule.id })));
    const cell = document.createElement("td");
    cell.append(remove);
    row.append(text("td", rule.kind, "mono"), text("td", rule.songId, "mono"), text("td", rule.position ?? ""),
      text("td", rule.active ? "now" : `from ${when(rule.startsAt)}`), text("td", rule.endsAt ? when(rule.endsAt) : "—"),
      text("td", rule.note ?? "", "reason"), cell);
    return row;
  });
  document.querySelector("#rules tbody").replaceChildren(...rows);
  document.getElementById("rules-empty").textContent = rows.length === 0 ? "No rules: every list is the model's own." : "";
}

export async function removeRule(id) {
  await api(`/admin/rules/${encodeURIComponent(id)}`, { method: "DELETE" });
  document.dispatchEvent(new Event("rules-changed"));
}

export async function addRule() {
  const form = document.getElementById("rule-form");
  const value = (name) => form.elements[name].value.trim();
  const kind = value("kind");
  const hours = Number(value("hours"));
  await api("/admin/rules", {
    method: "POST",
    body: {
      kind,
      songId: value("songId"),
      position: kind === "pin" ? Number(value("position")) : undefined,
      endsAt: hours > 0 ? new Date(Date.now() + hours * 3600_000).toISOString() : undefined,
      note: value("note") || undefined,
    },
  });
  form.reset();
  document.dispatchEvent(new Event("rules-changed"));
}
