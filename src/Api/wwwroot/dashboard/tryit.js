// Try it: a user's or an open room's list as a jukebox screen would show it, with the reasons the service gives.
import { api, text } from "./api.js";

export async function loadChoices() {
  const [users, rooms] = await Promise.all([api("/users?limit=100"), api("/sessions?status=open&limit=100")]);
  const select = document.getElementById("try-target");
  const group = (label, options) => {
    const node = document.createElement("optgroup");
    node.label = label;
    node.append(...options);
    return node;
  };
  const option = (value, label) => {
    const node = text("option", label);
    node.value = value;
    return node;
  };
  select.replaceChildren(
    group(`Open rooms (${rooms.total})`, rooms.items.map((r) => option(`room:${r.id}`, `Room ${r.room}: ${r.userIds.join(", ") || "no members"}`))),
    group(`Users (${users.total})`, users.items.map((u) => option(`user:${u.id}`, u.id))));
}

export async function showList() {
  const [kind, id] = splitTarget(document.getElementById("try-target").value);
  if (!id) return;
  const path = kind === "room"
    ? `/sessions/${encodeURIComponent(id)}/recommendations?count=10`
    : `/recommendations/${encodeURIComponent(id)}?count=10`;
  const list = await api(path);
  const heading = document.getElementById("try-heading");
  heading.textContent = `${list.strategy}${list.modelVersion ? ` by ${list.modelVersion}` : ""}` +
    (kind === "room" ? ` for ${list.members.join(", ") || "an empty room"}` : "");
  const items = document.getElementById("try-list");
  items.replaceChildren(...list.items.map((song) => {
    const item = document.createElement("li");
    item.className = "song";
    const facts = [song.language, song.genre, song.releaseYear, song.durationSeconds ? duration(song.durationSeconds) : null]
      .filter((fact) => fact !== null && fact !== undefined && fact !== "");
    item.append(text("span", song.title, "title"), text("span", song.artist, "artist"), text("span", facts.join(" · "), "facts"));
    const reasons = document.createElement("ul");
    reasons.className = "reasons";
    reasons.append(...song.reasons.map((reason) => {
      const line = text("li", reason.text);
      line.dataset.kind = reason.kind;
      return line;
    }));
    item.append(reasons);
    if (song.members) item.append(text("span", `For ${song.members.join(", ")}`, "members"));
    return item;
  }));
}

function splitTarget(value) {
  const at = value.indexOf(":");
  return at < 0 ? [null, null] : [value.slice(0, at), value.slice(at + 1)];
}

function duration(seconds) {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
