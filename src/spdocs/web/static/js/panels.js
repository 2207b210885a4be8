// The side panels of a partnership that produce things: its documents (preview as you type,
// PDF, downloads) and its actuals from a spreadsheet (the report's figures before saving).
import { call } from "./api.js";
import { h, append, clear, download } from "./dom.js";
import { t, lang } from "./i18n.js";

export class DocumentsPanel {
  constructor(editor) {
    this.editor = editor;
    this.previewOn = false;
    this.previewSeq = 0;
  }

  updatePeriods() {
    if (!this.periodSelect) return;
    const current = this.periodSelect.value;
    clear(this.periodSelect);
    for (const p of this.editor.periods) this.periodSelect.append(h("option", { value: p, selected: p === current }, p));
  }

  choice() {
    const kind = this.kindSelect.value;
    const perPeriod = this.editor.meta.kinds[kind].per_period;
    return { kind, lang: this.langSelect.value, period: perPeriod ? this.periodSelect.value : "" };
  }

  url(ext, extra = "") {
    const c = this.choice();
    const query = new URLSearchParams();
    if (c.period) query.set("period", c.period);
    for (const [k, v] of new URLSearchParams(extra)) query.set(k, v);
    const q = query.toString();
    return this.editor.url(`/documents/${encodeURIComponent(c.kind)}.${c.lang}.${ext}${q ? `?${q}` : ""}`);
  }

  draw(panel) {
    this.panel = clear(panel);
    const errors = this.editor.findings.filter((f) => f.severity === "error").length;
    this.kindSelect = h("select", { "aria-label": t("kind"), onchange: () => this.changed() }, Object.keys(this.editor.meta.kinds).map((k) => h("option", { value: k }, t(`kind_${k}`))));
    // each language alone, then the sets made side by side in one file (kk | ru), as `--layout parallel`
    const langs = [...this.editor.meta.langs, ...this.editor.meta.side_by_side];
    this.langSelect = h("select", { "aria-label": t("doc_lang"), onchange: () => this.changed() }, langs.map((l) => h("option", { value: l, selected: l === lang() }, l.split("-").join(" | "))));
    this.periodSelect = h("select", { "aria-label": t("period"), onchange: () => this.changed() });
    this.periodLabel = h("label", {}, t("period"), " ", this.periodSelect);
    this.updatePeriods();
    const pdf = this.editor.meta.pdf;
    const buttons = h(
      "div",
      { class: "doc-buttons" },
      h("button", { type: "button", class: "primary", onclick: () => { this.previewOn = true; this.runPreview(); } }, t("preview")),
      h("button", { type: "button", disabled: !pdf, onclick: () => this.showPdf() }, t("preview_pdf")),
      h("button", { type: "button", onclick: () => this.fetchFile(this.url("docx")) }, t("download_docx")),
      h("button", { type: "button", disabled: !pdf, onclick: () => this.fetchFile(this.url("pdf")) }, t("download_pdf")),
      h("button", { type: "button", onclick: () => this.fetchFile(this.editor.url(`/documents.zip?format=${pdf ? "docx,pdf" : "docx"}`)) }, t("download_zip")),
    );
    this.previewEl = h("div", { class: "preview", "aria-live": "polite" });
    append(this.panel, [
      h("div", { class: "doc-choice" }, h("label", {}, t("kind"), " ", this.kindSelect), h("label", {}, t("doc_lang"), " ", this.langSelect), this.periodLabel),
      errors ? h("p", { class: "draft-note" }, t("draft_note", { n: errors })) : null,
      pdf ? null : h("p", { class: "hint" }, t("no_pdf"), " ", this.editor.meta.pdf_help),
      buttons,
      this.previewEl,
    ]);
    this.changed();
  }

  changed() {
    this.periodLabel.hidden = !this.editor.meta.kinds[this.kindSelect.value].per_period;
    if (this.previewOn) this.runPreview();
  }

  async runPreview() {
    if (!this.previewEl || !this.previewEl.isConnected) return;
    const seq = ++this.previewSeq;
    const c = this.choice();
    const query = new URLSearchParams({ kind: c.kind, lang: c.lang });
    if (c.period) query.set("period", c.period);
    let body;
    try {
      ({ body } = await call("POST", `/api/preview?${query}`, { json: this.editor.data }));
    } catch (err) {
      if (seq !== this.previewSeq) return;
      clear(this.previewEl).append(h("p", { class: "error" }, err.message), ...problemList(err));
      return;
    }
    if (seq !== this.previewSeq) return;
    clear(this.previewEl);
    const page = h("div", { class: `page ${body.draft ? "draft" : ""}`, lang: body.lang });
    if (body.draft) page.append(h("div", { class: "draft-mark" }, t("draft_mark")));
    let table = null;
    for (const b of body.blocks) {
      if (b.cells.length) {
        if (!table) page.append((table = h("table", {})));
        table.append(h("tr", {}, b.cells.map((c) => h("td", {}, c))));
        continue;
      }
      table = null;
      page.append(h("p", { class: `style-${(b.style || "").replace(/[^A-Za-z0-9_-]/g, "")}` }, b.number && h("span", { class: "num" }, `${b.number} `), b.text));
    }
    this.previewEl.append(page);
    this.previewEl.dataset.seq = String(seq);
  }

  async showPdf() {
    if (!(await this.editor.saveFirst())) return;
    this.previewOn = false;
    clear(this.previewEl).append(h("p", { class: "hint" }, t("pdf_wait")));
    const url = this.url("pdf", `inline=1&v=${encodeURIComponent(this.editor.etag)}`);
    const response = await call("GET", url, { raw: true });
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      clear(this.previewEl).append(h("p", { class: "error" }, body.message || `HTTP ${response.status}`));
      return;
    }
    const blob = URL.createObjectURL(await response.blob());
    clear(this.previewEl).append(h("iframe", { class: "pdf", src: blob, title: t("preview_pdf") }));
  }

  // Downloads use the saved file: save first when there are edits.
  async fetchFile(url) {
    if (!(await this.editor.saveFirst())) return;
    this.editor.updateStatus(t("preparing"));
    const response = await call("GET", url, { raw: true });
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      this.editor.updateStatus(body.message || `HTTP ${response.status}`);
      return;
    }
    const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") || "");
    const blob = URL.createObjectURL(await response.blob());
    download(blob, name ? name[1] : "download");
    setTimeout(() => URL.revokeObjectURL(blob), 60000);
    this.editor.updateStatus();
  }
}

export class ActualsPanel {
  constructor(editor) {
    this.editor = editor;
  }

  draw(panel) {
    this.panel = clear(panel);
    const file = h("input", { type: "file", accept: ".xlsx,.xlsm,.csv", "aria-label": t("actuals_file") });
    const period = h("select", { "aria-label": t("period") }, h("option", { value: "" }, t("all_periods")), this.editor.periods.map((p) => h("option", { value: p }, p)));
    const out = h("div", { class: "actuals-out" });
    const go = h("button", {
      type: "button",
      class: "primary",
      onclick: async () => {
        if (!file.files.length) return;
        const form = new FormData();
        form.append("file", file.files[0]);
        if (period.value) form.append("period", period.value);
        try {
          const { body } = await call("POST", this.editor.url("/actuals"), { form });
          this.show(out, body);
        } catch (err) {
          clear(out).append(h("p", { class: "error" }, err.message), ...problemList(err));
        }
      },
    }, t("actuals_show"));
    this.panel.append(h("p", { class: "hint" }, t("actuals_hint")), h("div", { class: "doc-choice" }, file, period, go), out);
  }

  show(out, body) {
    clear(out);
    for (const p of body.periods) {
      const rows = p.rows.map((r) =>
        h("tr", { class: r.from_sheet ? "from-sheet" : "" }, h("td", {}, r.name), h("td", {}, r.unit), h("td", { class: "n" }, fmt(r.plan)), h("td", { class: "n" }, fmt(r.actual)), h("td", { class: "n" }, fmt(r.deviation)), h("td", { class: "n" }, r.completion === null ? "—" : `${fmt(r.completion)} %`), h("td", {}, t(`status_${r.status}`))),
      );
      out.append(
        h("h3", {}, `${t("period")} ${p.period}`),
        h("table", { class: "figures" }, h("tr", {}, ["indicator", "unit", "plan", "actual", "deviation", "completion", "status"].map((c) => h("th", {}, t(`col_${c}`)))), rows),
      );
      // The financing section: plan against the amount spent per budget line, in the line's currency.
      const lines = (p.financing || []).map((r) =>
        h("tr", { class: r.from_sheet ? "from-sheet" : "" }, h("td", {}, r.name), h("td", {}, r.currency), h("td", { class: "n" }, fmt(r.plan)), h("td", { class: "n" }, r.actual === null ? t("status_no_data") : fmt(r.actual)), h("td", { class: "n" }, fmt(r.deviation)), h("td", { class: "n" }, r.execution === null ? "—" : `${fmt(r.execution)} %`)),
      );
      if (lines.length)
        out.append(
          h("h4", {}, t("actuals_financing")),
          h("table", { class: "figures" }, h("tr", {}, ["line", "currency", "plan", "spent", "deviation", "execution"].map((c) => h("th", {}, t(`col_${c}`)))), lines),
        );
    }
    for (const w of body.warnings) out.append(h("p", { class: "msg sev-warning" }, w));
    if (!body.periods.length) out.append(h("p", {}, t("actuals_none")));
    else
      out.append(
        h("button", {
          type: "button",
          onclick: () => {
            for (const op of body.patch) this.editor.form.set(op.path, op.value);
            this.editor.drawForm();
            this.editor.updateStatus();
          },
        }, t("actuals_apply")),
      );
  }
}

function fmt(n) {
  if (n === null || n === undefined) return "—";
  return Number(n).toLocaleString(lang() === "en" ? "en-GB" : lang()).replace(/^-/, "\u2212");
}

function problemList(err) {
  const problems = (err.body && err.body.problems) || [];
  return problems.length ? [h("ul", { class: "problems" }, problems.map((p) => h("li", {}, p)))] : [];
}
