// The partnerships of the workspace: findings per file, new from a model, upload, download.
import { call } from "./api.js";
import { h, clear } from "./dom.js";
import { t, lang, valueLabel } from "./i18n.js";

export async function showList(meta, root) {
  const { body } = await call("GET", "/api/partnerships");
  clear(root);
  const rows = body.partnerships.map((p) => {
    const names = p.parties.map((n) => n[lang()] || n.en || n.ru || n.kk || "").filter(Boolean);
    const model = p.model ? valueLabel(p.model) : p.regime ? valueLabel(p.regime) : "—";
    const href = `#/p/${encodeURIComponent(p.id)}`;
    return h(
      "tr",
      { dataset: { id: p.id } },
      h("td", {}, h("a", { href }, p.id)),
      h("td", { class: "parties" }, names.length ? names.join(" — ") : "—", p.problem && h("div", { class: "problem" }, p.problem)),
      h("td", {}, model),
      h("td", { class: `n ${p.errors ? "sev-error" : ""}` }, String(p.errors)),
      h("td", { class: `n ${p.warnings ? "sev-warning" : ""}` }, String(p.warnings)),
      h("td", { class: "date" }, new Date(p.modified).toLocaleString(lang() === "en" ? "en-GB" : lang())),
      h("td", {}, h("a", { href: `/api/partnerships/${encodeURIComponent(p.id)}/file`, download: p.file }, p.file)),
    );
  });
  const table = h(
    "table",
    { class: "list" },
    h("thead", {}, h("tr", {}, ["id", "parties", "model", "errors", "warnings", "modified", "file"].map((c) => h("th", {}, t(`list_${c}`))))),
    h("tbody", {}, rows),
  );
  const message = h("p", { class: "form-message", role: "alert" });
  const model = h("select", { name: "model", "aria-label": t("new_model") }, meta.models.map((m) => h("option", { value: m }, valueLabel(m))));
  const id = h("input", { name: "id", type: "text", placeholder: "almaty-partner", pattern: "[a-z0-9][a-z0-9_.\\-]*", required: true, "aria-label": t("new_id") });
  const create = h(
    "form",
    {
      class: "create",
      onsubmit: async (e) => {
        e.preventDefault();
        try {
          const { body: made } = await call("POST", "/api/partnerships", { json: { model: model.value, id: id.value.trim() } });
          location.hash = `#/p/${encodeURIComponent(made.id)}`;
        } catch (err) {
          message.textContent = err.message;
        }
      },
    },
    h("h2", {}, t("new_title")),
    h("label", {}, t("new_model"), " ", model),
    h("label", {}, t("new_id"), " ", id),
    h("button", { type: "submit", class: "primary" }, t("new_create")),
  );
  const file = h("input", { type: "file", name: "file", accept: ".yaml,.yml,.json", required: true, "aria-label": t("upload_file") });
  const upload = h(
    "form",
    {
      class: "upload",
      onsubmit: async (e) => {
        e.preventDefault();
        const form = new FormData();
        form.append("file", file.files[0]);
        try {
          const { body: made } = await call("POST", "/api/partnerships", { form });
          location.hash = `#/p/${encodeURIComponent(made.id)}`;
        } catch (err) {
          message.textContent = [err.message, ...((err.body && err.body.problems) || [])].join("\n");
        }
      },
    },
    h("h2", {}, t("upload_title")),
    file,
    h("button", { type: "submit" }, t("upload_button")),
  );
  root.append(
    h("div", { class: "list-page" }, h("h1", {}, t("list_title", { workspace: body.workspace })), table, h("div", { class: "list-forms" }, create, upload), message),
  );
}
