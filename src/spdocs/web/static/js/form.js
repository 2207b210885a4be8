// The form, generated from the data model's JSON Schema: nothing here names a field of the
// model. Objects become groups, lists become repeatable items (add, remove, reorder), texts
// given per language become kk | ru | en side by side, choices become drop-downs labelled in
// the interface language, dates take a picker or typed ДД.ММ.ГГГГ, and a mapping of ids to
// values (targets, actuals) becomes a small key/value table.
//
// The form edits a plain data object in place and calls onChange after each edit. Every
// field's element carries data-path (the dotted path the checks use), so findings can be
// shown next to the field they concern.
import { h, clear, dotted } from "./dom.js";
import { t, fieldLabel, valueLabel } from "./i18n.js";
import { dateInput, grow, parseNumber } from "./widgets.js";

export class Form {
  constructor({ schema, langs, data, hidden, onChange }) {
    this.root = schema;
    this.langs = langs;
    this.data = data;
    this.hidden = new Set(hidden || []);
    this.onChange = onChange;
  }

  // --- schema helpers ---------------------------------------------------------------

  deref(s) {
    let guard = 0;
    while (s && s.$ref && guard++ < 50) s = this.root.$defs[s.$ref.split("/").pop()];
    return s || {};
  }

  // What kind of control a schema needs: {kind, s (resolved), nullable, options?}
  kindOf(raw) {
    let s = this.deref(raw);
    let nullable = false;
    if (s.anyOf) {
      const options = s.anyOf.map((o) => this.deref(o));
      const real = options.filter((o) => o.type !== "null");
      nullable = real.length < options.length;
      if (real.length === 1) {
        s = { ...real[0], description: real[0].description || s.description };
      } else {
        const object = real.find((o) => o.type === "object");
        if (object) return { kind: "union", s, object, nullable };
        return { kind: "number", s, nullable }; // number | numeric string: a Decimal
      }
    }
    const type = Array.isArray(s.type) ? s.type.filter((x) => x !== "null") : [s.type];
    if (Array.isArray(s.type) && s.type.includes("null")) nullable = true;
    if (s.enum || s.const !== undefined) return { kind: "enum", s, nullable };
    if (type.includes("object") || s.properties || s.additionalProperties) {
      if (this.isText(s)) return { kind: "text", s, nullable };
      if (s.properties) return { kind: "object", s, nullable };
      if (s.additionalProperties && typeof s.additionalProperties === "object")
        return { kind: "dict", s, nullable };
      return { kind: "string", s, nullable };
    }
    if (type.includes("array")) {
      const items = this.deref(s.items || {});
      if (items.enum) return { kind: "multi", s, items, nullable };
      return { kind: "array", s, nullable };
    }
    if (type.includes("boolean")) return { kind: "bool", s, nullable };
    if (s.format === "date") return { kind: "date", s, nullable };
    if (type.includes("string")) return { kind: "string", s, nullable };
    if (type.includes("integer") || type.includes("number")) return { kind: "number", s, nullable };
    return { kind: "string", s, nullable };
  }

  // A text given in each language: an object whose properties are exactly the languages.
  isText(s) {
    const keys = Object.keys(s.properties || {});
    return keys.length === this.langs.length && this.langs.every((l) => keys.includes(l));
  }

  // The value a new item or section starts with: its required parts, blank.
  blank(raw) {
    const k = this.kindOf(raw);
    switch (k.kind) {
      case "text":
        return Object.fromEntries(this.langs.map((l) => [l, ""]));
      case "object": {
        const out = {};
        for (const name of k.s.required || []) {
          const value = this.blank(k.s.properties[name]);
          if (value !== undefined) out[name] = value;
        }
        return out;
      }
      case "dict":
        return {};
      case "array":
      case "multi": {
        const n = k.s.minItems || 0;
        return Array.from({ length: n }, () => this.blank(k.s.items || {}));
      }
      case "bool":
        return k.s.default === true;
      case "string":
      case "date":
      case "enum":
        return "";
      default:
        return undefined;
    }
  }

  // --- data access ----------------------------------------------------------------

  get(path) {
    let node = this.data;
    for (const part of path) {
      if (node === null || typeof node !== "object") return undefined;
      node = node[part];
    }
    return node;
  }

  set(path, value) {
    let node = this.data;
    for (let i = 0; i < path.length - 1; i++) {
      if (node[path[i]] === null || typeof node[path[i]] !== "object")
        node[path[i]] = typeof path[i + 1] === "number" ? [] : {};
      node = node[path[i]];
    }
    const last = path[path.length - 1];
    if (value === undefined && !Array.isArray(node)) delete node[last];
    else node[last] = value;
    this.onChange(path);
  }

  // --- rendering ------------------------------------------------------------------

  // The sections of the form: the top-level fields, scalars gathered under "general".
  sections() {
    const props = this.deref(this.root).properties;
    const required = new Set(this.root.required || []);
    const general = [];
    const out = [];
    for (const [name, raw] of Object.entries(props)) {
      const kind = this.kindOf(raw).kind;
      if (["object", "array", "dict", "union"].includes(kind)) out.push({ name, raw, required: required.has(name) });
      else general.push({ name, raw, required: required.has(name) });
    }
    return [{ name: "general", fields: general }, ...out.map((f) => ({ name: f.name, fields: [f], single: true }))];
  }

  isHidden(path) {
    const key = path.filter((p) => typeof p !== "number").join(".");
    return this.hidden.has(key) && this.get(path) === undefined;
  }

  renderSection(section) {
    const body = h("div", { class: "section-body" });
    const el = h(
      "section",
      { class: "section", id: `section-${section.name}`, dataset: { section: section.name } },
      h("h2", {}, section.name === "general" ? t("section_general") : fieldLabel(section.name)),
      body,
    );
    for (const f of section.fields) {
      if (this.isHidden([f.name])) continue;
      body.append(this.field(f.raw, [f.name], { required: f.required, bare: section.single }));
    }
    if (section.single && !body.firstChild) return null;
    return el;
  }

  // One field of any kind at `path`. `bare`: the section heading already names it.
  field(raw, path, { required = false, bare = false } = {}) {
    const k = this.kindOf(raw);
    const name = path[path.length - 1];
    const label = typeof name === "number" ? null : fieldLabel(name);
    const value = this.get(path);
    const hint = k.s.description || this.deref(raw).description;
    if (["object", "text", "array", "dict", "union", "multi"].includes(k.kind) && value === undefined && !required) {
      return this.absent(raw, path, label, hint, k);
    }
    switch (k.kind) {
      case "object":
        return this.object(k, path, label, hint, { required, bare });
      case "text":
        return this.text(path, label, hint, { required });
      case "array":
        return this.array(k, path, label, hint, { required, bare });
      case "dict":
        return this.dict(k, path, label, hint, { required, bare });
      case "union":
        return this.union(k, raw, path, label, hint, { required });
      case "multi":
        return this.multi(k, path, label, hint, { required });
      default:
        return this.scalar(k, path, label, hint, { required });
    }
  }

  wrap(cls, path, label, hint, required, control, extra) {
    return h(
      "div",
      { class: `field ${cls}`, dataset: { path: dotted(path) } },
      label && h("label", { class: "label", title: hint || null }, label, required && h("span", { class: "req" }, " *")),
      control,
      extra,
      h("div", { class: "msgs" }),
    );
  }

  // An optional group or list that is not there: a button that adds it.
  absent(raw, path, label, hint, k) {
    const button = h(
      "button",
      {
        type: "button",
        class: "add",
        onclick: () => {
          let value = this.blank(raw);
          if (k.kind === "array" && value.length === 0) value = [this.blank(k.s.items || {})];
          this.set(path, value);
          this.replace(path, raw);
        },
      },
      `+ ${label || t("add")}`,
    );
    return h("div", { class: "field absent", dataset: { path: dotted(path), raw: "1" }, title: hint || null }, button, h("div", { class: "msgs" }));
  }

  // Re-draw the field at `path` after a structural change (an item added, moved, removed).
  replace(path, raw, required) {
    const old = this.container.querySelector(`[data-path="${CSS.escape(dotted(path))}"]`);
    if (!old) return;
    const fresh = this.field(raw, path, { required: required ?? old.dataset.required === "1", bare: old.dataset.bare === "1" });
    old.replaceWith(fresh);
  }

  object(k, path, label, hint, { required, bare }) {
    const props = k.s.properties;
    const req = new Set(k.s.required || []);
    const inner = h("div", { class: "group-body" });
    const scalars = Object.values(props).every((p) => !["object", "text", "array", "dict", "union"].includes(this.kindOf(p).kind));
    if (scalars && Object.keys(props).length <= 4) inner.classList.add("inline");
    for (const [name, raw] of Object.entries(props)) {
      if (this.isHidden([...path, name])) continue;
      inner.append(this.field(raw, [...path, name], { required: req.has(name) }));
    }
    const remove =
      !required &&
      h("button", { type: "button", class: "icon remove", title: t("remove"), onclick: () => this.drop(path) }, "✕");
    const el = h(
      "fieldset",
      { class: "group", dataset: { path: dotted(path), required: required ? "1" : "0", bare: bare ? "1" : "0" } },
      !bare && label && h("legend", { title: hint || null }, label, remove),
      bare && remove && h("div", { class: "section-tools" }, remove),
      h("div", { class: "msgs" }),
      inner,
    );
    return el;
  }

  drop(path) {
    const raw = this.schemaAt(path);
    this.set(path, undefined);
    this.replace(path, raw, false);
  }

  // The schema of the field at `path`, found by walking the root schema.
  schemaAt(path) {
    let s = this.root;
    for (const part of path) {
      const k = this.kindOf(s);
      if (typeof part === "number") s = k.s.items || {};
      else if (k.kind === "union") s = k.object.properties[part];
      else s = (k.s.properties && k.s.properties[part]) || k.s.additionalProperties || {};
    }
    return s;
  }

  text(path, label, hint, { required }) {
    const value = this.get(path) || {};
    const columns = this.langs.map((l) => {
      const area = h("textarea", {
        rows: 1,
        lang: l,
        "aria-label": `${label || ""} (${l})`,
        dataset: { path: dotted([...path, l]) },
        value: value[l] ?? "",
        oninput: (e) => {
          grow(e.target);
          const current = this.get(path);
          const next = current && typeof current === "object" ? { ...current } : {};
          next[l] = e.target.value;
          this.set(path, next);
        },
      });
      grow(area);
      return h("div", { class: "lang-col", dataset: { path: dotted([...path, l]) } }, h("span", { class: "lang-tag" }, l), area, h("div", { class: "msgs" }));
    });
    return this.wrap("text", path, label, hint, required, h("div", { class: "langs" }, columns));
  }

  scalar(k, path, label, hint, { required }) {
    const value = this.get(path);
    let control;
    switch (k.kind) {
      case "enum": {
        const choices = k.s.enum || [k.s.const];
        const options = [h("option", { value: "" }, "—")];
        for (const code of choices) options.push(h("option", { value: String(code), selected: value === code }, valueLabel(code)));
        control = h("select", {
          onchange: (e) => this.set(path, e.target.value === "" ? (required ? "" : undefined) : choices.find((c) => String(c) === e.target.value)),
        }, options);
        if (value !== undefined && value !== null && !choices.includes(value)) {
          control.append(h("option", { value: String(value), selected: true }, String(value)));
        }
        break;
      }
      case "bool":
        control = h("input", { type: "checkbox", checked: value === true, onchange: (e) => this.set(path, e.target.checked) });
        break;
      case "date":
        control = dateInput(value, (v) => this.set(path, v === "" ? (required ? "" : undefined) : v));
        break;
      case "number":
        control = h("input", {
          type: "text",
          inputmode: "decimal",
          class: "num",
          value: value === undefined || value === null ? "" : String(value),
          oninput: (e) => this.set(path, parseNumber(e.target.value)),
        });
        break;
      default: {
        const text = value === undefined || value === null ? "" : String(value);
        const long = text.length > 60 || text.includes("\n");
        control = h(long ? "textarea" : "input", {
          type: long ? null : "text",
          rows: long ? 2 : null,
          value: text,
          oninput: (e) => this.set(path, e.target.value === "" && !required ? undefined : e.target.value),
        });
      }
    }
    return this.wrap(`scalar ${k.kind}`, path, label, hint, required, control);
  }

  // A value given either bare (a number) or as an object (value with a note).
  union(k, raw, path, label, hint, { required }) {
    const value = this.get(path);
    if (value !== null && typeof value === "object") {
      const inner = this.object({ s: k.object }, path, label, hint, { required: true, bare: false });
      return inner;
    }
    const first = Object.keys(k.object.properties)[0];
    const more = h(
      "button",
      {
        type: "button",
        class: "icon",
        title: t("details"),
        onclick: () => {
          this.set(path, { [first]: this.get(path) ?? null });
          this.replace(path, raw, required);
        },
      },
      "⋯",
    );
    const el = this.scalar({ kind: "number", s: k.s }, path, label, hint, { required });
    el.querySelector("input").after(more);
    return el;
  }

  multi(k, path, label, hint, { required }) {
    const value = this.get(path) || [];
    const boxes = k.items.enum.map((code) =>
      h(
        "label",
        { class: "choice" },
        h("input", {
          type: "checkbox",
          checked: value.includes(code),
          onchange: (e) => {
            const now = new Set(this.get(path) || []);
            if (e.target.checked) now.add(code);
            else now.delete(code);
            this.set(path, k.items.enum.filter((c) => now.has(c)));
          },
        }),
        valueLabel(code),
      ),
    );
    return this.wrap("multi", path, label, hint, required, h("div", { class: "choices" }, boxes));
  }

  array(k, path, label, hint, { required, bare }) {
    const raw = this.schemaAt(path);
    const items = this.get(path) || [];
    const list = h("div", { class: "items" });
    items.forEach((_, i) => {
      const tools = h(
        "span",
        { class: "item-tools" },
        h("button", { type: "button", class: "icon", title: t("move_up"), disabled: i === 0, onclick: () => this.move(path, raw, i, i - 1) }, "↑"),
        h("button", { type: "button", class: "icon", title: t("move_down"), disabled: i === items.length - 1, onclick: () => this.move(path, raw, i, i + 1) }, "↓"),
        h("button", { type: "button", class: "icon remove", title: t("remove"), onclick: () => this.removeItem(path, raw, i) }, "✕"),
      );
      const body = this.field(k.s.items || {}, [...path, i], { required: true, bare: true });
      list.append(h("div", { class: "item", dataset: { path: dotted([...path, i]) } }, h("div", { class: "item-head" }, h("span", { class: "item-no" }, `${i + 1}`), tools), body));
    });
    const add = h(
      "button",
      {
        type: "button",
        class: "add",
        onclick: () => {
          const now = [...(this.get(path) || []), this.blank(k.s.items || {})];
          this.set(path, now);
          this.replace(path, raw, required);
        },
      },
      `+ ${t("add_item")}`,
    );
    const remove = !required && h("button", { type: "button", class: "icon remove", title: t("remove"), onclick: () => this.drop(path) }, "✕");
    return h(
      "div",
      { class: "field array", dataset: { path: dotted(path), required: required ? "1" : "0", bare: bare ? "1" : "0" } },
      !bare && label && h("div", { class: "label", title: hint || null }, label, required && h("span", { class: "req" }, " *")),
      h("div", { class: "msgs" }),
      list,
      h("div", { class: "array-tools" }, add, remove),
    );
  }

  move(path, raw, from, to) {
    const now = [...this.get(path)];
    const [item] = now.splice(from, 1);
    now.splice(to, 0, item);
    this.set(path, now);
    this.replace(path, raw);
  }

  removeItem(path, raw, i) {
    const now = [...this.get(path)];
    now.splice(i, 1);
    this.set(path, now);
    this.replace(path, raw);
  }

  dict(k, path, label, hint, { required, bare }) {
    const raw = this.schemaAt(path);
    const value = this.get(path) || {};
    const rows = h("div", { class: "dict-rows" });
    for (const key of Object.keys(value)) {
      const keyInput = h("input", {
        type: "text",
        class: "dict-key",
        value: key,
        "aria-label": t("key"),
        onchange: (e) => this.renameKey(path, raw, key, e.target.value.trim()),
      });
      const cell = this.field(k.s.additionalProperties, [...path, key], { required: true });
      const remove = h("button", { type: "button", class: "icon remove", title: t("remove"), onclick: () => this.removeKey(path, raw, key) }, "✕");
      rows.append(h("div", { class: "dict-row" }, keyInput, cell, remove));
    }
    const add = h("button", { type: "button", class: "add", onclick: () => this.addKey(path, raw, required) }, `+ ${t("add_entry")}`);
    return h(
      "div",
      { class: "field dict", dataset: { path: dotted(path), required: required ? "1" : "0", bare: bare ? "1" : "0" } },
      label && h("div", { class: "label", title: hint || null }, label, required && h("span", { class: "req" }, " *")),
      h("div", { class: "msgs" }),
      rows,
      add,
    );
  }

  renameKey(path, raw, from, to) {
    const value = this.get(path) || {};
    if (!to || to === from || to in value) return this.replace(path, raw);
    const next = {};
    for (const [key, v] of Object.entries(value)) next[key === from ? to : key] = v;
    this.set(path, next);
    this.replace(path, raw);
  }

  removeKey(path, raw, key) {
    const next = { ...(this.get(path) || {}) };
    delete next[key];
    this.set(path, next);
    this.replace(path, raw);
  }

  addKey(path, raw, required) {
    const value = this.get(path) || {};
    let n = Object.keys(value).length + 1;
    while (`new-${n}` in value) n++;
    this.set(path, { ...value, [`new-${n}`]: null });
    this.replace(path, raw, required);
  }

  // Draw the whole form into `container`; returns the sections for the navigation.
  render(container) {
    this.container = clear(container);
    const drawn = [];
    for (const section of this.sections()) {
      const el = this.renderSection(section);
      if (el) {
        container.append(el);
        drawn.push(section.name);
      }
    }
    return drawn;
  }
}
