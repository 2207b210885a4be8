// The JSON API, as the page calls it. Every request says it comes from the page
// (X-Spdocs-Request), which the server requires of anything that changes data.
import { lang } from "./i18n.js";

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
  }
}

export async function call(method, url, { json, form, headers, raw } = {}) {
  const init = { method, headers: { "X-Spdocs-Request": "1", "Accept-Language": lang(), ...headers } };
  if (json !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(json);
  } else if (form !== undefined) {
    init.body = form;
  }
  const response = await fetch(url, init);
  if (raw) return response;
  let body = null;
  if (response.status !== 204 && response.status !== 304) {
    const type = response.headers.get("content-type") || "";
    body = type.includes("json") ? await response.json() : await response.text();
  }
  if (!response.ok && response.status !== 304) throw new ApiError(response.status, body);
  return { status: response.status, body, etag: response.headers.get("etag"), headers: response.headers };
}
