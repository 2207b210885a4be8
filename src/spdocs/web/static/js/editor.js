// One partnership: the form, its live findings, its documents and actuals, saving with
// conflict detection (the file's ETag; a change on disk is never overwritten silently).
import { call, ApiError } from "./api.js";
import { h, clear, debounce, parents } from "./dom.js";
import { Form } from "./form.js";
import { ActualsPanel, DocumentsPanel } from "./panels.js";
import { t, lang, fieldLabel } from "./i18n.js";

const SEVERITIES = ["error", "warning", "info"];

export class Editor {
  constructor(meta, id, root) {
    this.meta = meta;
    this.id = id;
    this.root = root;
    this.findings = [];
    this.periods = [];
    this.tab = "findings";
    this.checkSeq = 0;
    this.previewSeq = 0;
    this.check = debounce(() => this.runCheck(), 120);
    this.docs = new DocumentsPanel(this);
    this.actuals = new ActualsPanel(this);
    this.refreshPreview = debounce(() => this.docs.runPreview(), 300);
    this.onKey = (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key === "s") {
        e.preventDefault();
        this.save();
      }
    };
    this.onFocus = () => this.detectChange();
    this.onLeave = (e) => {
      if (this.dirty()) {
        e.preventDefault();
        e.returnValue = "";
      }
    };
  }

  async open() {
    const { body } = await call("GET", this.url());
    this.load(body);
    window.addEventListener("keydown", this.onKey);
    window.addEventListener("focus", this.onFocus);
    window.addEventListener("beforeunload", this.onLeave);
    this.draw();
    this.runCheck();
  }

  close() {
    window.removeEventListener("keydown", this.onKey);
    window.removeEventListener("focus", this.onFocus);
    window.removeEventListener("beforeunload", this.onLeave);
    this.check.cancel();
    this.refreshPreview.cancel();
  }

  url(suffix = "") {
    return `/api/partnerships/${encodeURIComponent(this.id)}${suffix}`;
  }

  load(body) {
    this.data = body.data;
    this.etag = body.etag;
    this.file = body.file;
    this.hidden = body.hidden || [];
    this.savedText = JSON.stringify(this.data);
  }

  dirty() {
    return JSON.stringify(this.data) !== this.savedText;
  }

  // --- layout -----------------------------------------------------------------------

  draw() {
    clear(this.root);
    this.status = h("span", { class: "status", "aria-live": "polite" });
    this.saveButton = h("button", { type: "button", class: "primary", onclick: () => this.save() }, t("save"));
    this.banner = h("div", { class: "banner", hidden: true, role: "alert" });
    this.nav = h("nav", { class: "sections-nav", "aria-label": t("sections") });
    this.formEl = h("div", { class: "form" });
    this.side = h("aside", { class: "side" });
    this.root.append(
      h(
        "div",
        { class: "editor" },
        h(
          "div",
          { class: "toolbar" },
          h("a", { href: "#/", class: "back" }, `← ${t("partnerships")}`),
          h("h1", { class: "title" }, this.title()),
          h("span", { class: "file" }, this.file),
          this.status,
          this.saveButton,
        ),
        this.banner,
        h("div", { class: "panes" }, this.nav, this.formEl, this.side),
      ),
    );
    this.drawForm();
    this.drawSide();
    this.updateStatus();
  }

  title() {
    return this.id;
  }

  drawForm() {
    const scroll = this.formEl.scrollTop;
    this.form = new Form({
      schema: this.meta.schema,
      langs: this.meta.langs,
      data: this.data,
      hidden: this.hidden,
      onChange: () => {
        this.root.dataset.pending = "1";
        this.queued = true;
        this.updateStatus();
        this.check();
      },
    });
    const sections = this.form.render(this.formEl);
    clear(this.nav);
    this.navLinks = {};
    for (const name of sections) {
      const badge = h("span", { class: "badge" });
      const link = h(
        "a",
        {
          href: `#/p/${encodeURIComponent(this.id)}`,
          onclick: (e) => {
            e.preventDefault();
            this.formEl.querySelector(`#section-${CSS.escape(name)}`).scrollIntoView({ block: "start" });
          },
        },
        name === "general" ? t("section_general") : fieldLabel(name),
        badge,
      );
      this.navLinks[name] = badge;
      this.nav.append(link);
    }
    this.formEl.scrollTop = scroll;
    this.mark();
  }

  updateStatus(extra) {
    const dirty = this.dirty();
    this.saveButton.disabled = !dirty;
    this.status.textContent = extra || (dirty ? t("unsaved") : t("saved"));
    this.status.className = `status ${dirty ? "dirty" : ""}`;
  }

  // --- checks -----------------------------------------------------------------------

  async runCheck() {
    this.queued = false;
    const seq = ++this.checkSeq;
    const started = performance.now();
    let body;
    try {
      ({ body } = await call("POST", `/api/check?name=${encodeURIComponent(this.file)}&lang=${lang()}`, { json: this.data }));
    } catch (err) {
      this.updateStatus(err.message);
      return;
    }
    if (seq !== this.checkSeq) return;
    this.findings = body.files[0].findings;
    this.periods = body.periods || [];
    this.lastCheck = Math.round(performance.now() - started);
    this.root.dataset.checked = String(seq);
    // For tests and tools: "0" when the findings shown are those of the data in the form.
    this.root.dataset.pending = this.queued ? "1" : "0";
    const hidden = body.hidden || [];
    if (JSON.stringify(hidden) !== JSON.stringify(this.hidden)) {
      this.hidden = hidden;
      this.drawForm(); // the model changed: its sections changed
    } else {
      this.mark();
    }
    this.drawFindings();
    this.docs.updatePeriods();
    if (this.tab === "documents" && this.docs.previewOn) this.refreshPreview();
  }

  // The element a finding belongs to: its field, or the nearest enclosing one drawn.
  locate(field) {
    for (const path of [field, ...parents(field)]) {
      const el = this.formEl.querySelector(`[data-path="${CSS.escape(path)}"]`);
      if (el) return el;
    }
    const section = field.split(/[.[]/)[0];
    return this.formEl.querySelector(`#section-${CSS.escape(section)}`) || this.formEl.querySelector("#section-general");
  }

  mark() {
    for (const el of this.formEl.querySelectorAll(".has-error, .has-warning, .has-info")) el.classList.remove("has-error", "has-warning", "has-info");
    for (const el of this.formEl.querySelectorAll(".msgs")) clear(el);
    const counts = {};
    for (const f of this.findings) {
      const el = this.locate(f.field);
      if (!el) continue;
      el.classList.add(`has-${f.severity}`);
      const box = el.querySelector(":scope > .msgs") || el.querySelector(".msgs");
      if (box) box.append(h("div", { class: `msg sev-${f.severity}` }, h("b", {}, f.rule), " ", f.message, f.citation && h("span", { class: "cite" }, ` — ${f.citation}`)));
      const section = el.closest(".section");
      if (section && f.severity !== "info") {
        const name = section.dataset.section;
        counts[name] = counts[name] || { error: 0, warning: 0 };
        counts[name][f.severity] += 1;
      }
    }
    for (const [name, badge] of Object.entries(this.navLinks || {})) {
      const c = counts[name];
      badge.textContent = c ? String(c.error || c.warning) : "";
      badge.className = `badge ${c ? (c.error ? "sev-error" : "sev-warning") : ""}`;
    }
  }

  goTo(field) {
    const el = this.locate(field);
    if (!el) return;
    const details = el.closest("details");
    if (details) details.open = true;
    el.scrollIntoView({ block: "center" });
    const input = el.matches("input, select, textarea") ? el : el.querySelector("input, select, textarea, button");
    if (input) input.focus({ preventScroll: true });
    el.classList.remove("flash");
    void el.offsetWidth;
    el.classList.add("flash");
  }

  // --- side panel: findings, documents, actuals ---------------------------------------

  drawSide() {
    clear(this.side);
    const tabs = ["findings", "documents", "actuals"].map((name) =>
      h("button", { type: "button", role: "tab", class: `tab ${this.tab === name ? "active" : ""}`, "aria-selected": String(this.tab === name), onclick: () => { this.tab = name; this.drawSide(); } }, t(`tab_${name}`)),
    );
    this.findingsTab = tabs[0];
    this.panel = h("div", { class: "panel", role: "tabpanel" });
    this.side.append(h("div", { class: "tabs", role: "tablist" }, tabs), this.panel);
    if (this.tab === "findings") this.drawFindings();
    else if (this.tab === "documents") this.docs.draw(this.panel);
    else this.actuals.draw(this.panel);
  }

  drawFindings() {
    const counts = Object.fromEntries(SEVERITIES.map((s) => [s, this.findings.filter((f) => f.severity === s).length]));
    if (this.findingsTab) this.findingsTab.textContent = `${t("tab_findings")} (${counts.error}/${counts.warning})`;
    if (this.tab !== "findings") return;
    clear(this.panel);
    const summary = h("p", { class: "summary" }, t("findings_summary", counts), this.lastCheck !== undefined && h("span", { class: "timing" }, ` · ${t("checked_in", { ms: this.lastCheck })}`));
    const list = h("ul", { class: "findings" });
    for (const f of this.findings) {
      list.append(
        h(
          "li",
          { class: `finding sev-${f.severity}` },
          h(
            "button",
            { type: "button", class: "link", onclick: () => this.goTo(f.field) },
            h("span", { class: "sev" }, t(`severity_${f.severity}`)),
            h("b", {}, ` ${f.rule} `),
            h("code", {}, f.field || "—"),
            h("div", {}, f.message),
            f.citation && h("div", { class: "cite" }, f.citation),
          ),
        ),
      );
    }
    this.panel.append(summary, this.findings.length ? list : h("p", { class: "clean" }, t("no_findings")));
  }

  async saveFirst() {
    if (!this.dirty()) return true;
    return this.save();
  }

  // --- saving and conflicts --------------------------------------------------------------

  async save({ force = false } = {}) {
    const sent = JSON.stringify(this.data);
    try {
      const { body } = await call("PUT", this.url(), { json: this.data, headers: { "If-Match": force ? force : this.etag } });
      this.etag = body.etag;
      this.savedText = sent;
      this.banner.hidden = true;
      this.updateStatus();
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) this.conflict(err.body.etag);
      else this.updateStatus(err.message);
      return false;
    }
  }

  conflict(diskEtag) {
    clear(this.banner).append(
      h("span", {}, t("conflict")),
      h("button", { type: "button", onclick: () => this.reload() }, t("conflict_reload")),
      h("button", { type: "button", onclick: () => this.save({ force: diskEtag }) }, t("conflict_overwrite")),
    );
    this.banner.hidden = false;
    this.banner.className = "banner conflict";
  }

  async reload() {
    const { body } = await call("GET", this.url());
    this.load(body);
    this.banner.hidden = true;
    this.drawForm();
    this.updateStatus();
    this.runCheck();
  }

  // Back in the window: has the file changed on disk meanwhile?
  async detectChange() {
    if (!this.etag) return;
    let response;
    try {
      response = await call("GET", this.url(), { headers: { "If-None-Match": this.etag } });
    } catch {
      return;
    }
    if (response.status === 304 || response.etag === this.etag) return;
    if (this.dirty()) this.conflict(response.etag);
    else {
      this.load(response.body);
      this.drawForm();
      this.updateStatus(t("reloaded"));
      this.runCheck();
    }
  }
}
