// The service's API as the page calls it: the key the user entered (kept only in this tab's session storage) on every call,
// and a ProblemDetails answer turned into an error that says what was wrong.
const keyName = "ktvrec.apiKey";

// The Hangfire dashboard cannot send a header: the key goes to it (and only to it) in a SameSite=Strict cookie.
const hangfireCookie = (key) =>
  `ktvrec-hangfire-key=${encodeURIComponent(key)}; path=/hangfire; SameSite=Strict${location.protocol === "https:" ? "; Secure" : ""}${key ? "" : "; max-age=0"}`;

export const apiKey = {
  get: () => sessionStorage.getItem(keyName) ?? "",
  set: (key) => {
    if (key) sessionStorage.setItem(keyName, key);
    else sessionStorage.removeItem(keyName);
    document.cookie = hangfireCookie(key);
  },
};

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export async function api(path, { method = "GET", body } = {}) {
  const headers = { Accept: "application/json" };
  const key = apiKey.get();
  if (key) headers["X-Api-Key"] = key;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.ok) return response.status === 204 ? null : response.json();
  let message = `${response.status} ${response.statusText}`;
  try {
    const problem = await response.json();
    // A validation problem names each field that was wrong: say them all.
    const fields = Object.entries(problem.errors ?? {}).map(([field, errors]) => `${field}: ${errors.join(" ")}`);
    message = fields.length > 0 ? fields.join("; ") : problem.detail ?? problem.title ?? message;
  } catch {
    // Not a ProblemDetails body: the status line says it.
  }
  throw new ApiError(response.status, message);
}

/** Formats a UTC timestamp in the viewer's time zone. */
export function when(iso) {
  return iso ? new Date(iso).toLocaleString([], { dateStyle: "short", timeStyle: "short" }) : "";
}

/** A cell or line of text, never HTML: everything shown comes from the API and is escaped by construction. */
export function text(tag, content, className) {
  const node = document.createElement(tag);
  node.textContent = content ?? "";
  if (className) node.className = className;
  return node;
}
