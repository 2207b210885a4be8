// The form's small controls: texts that grow with their content, numbers as staff type them
// ("12 500,5"), and dates picked from a calendar or typed as ДД.ММ.ГГГГ.
import { h } from "./dom.js";
import { t } from "./i18n.js";

// Texts grow with their content: by CSS where the browser can (field-sizing), else measured
// in one batch per frame (measuring each textarea as it is drawn would lay out the page each time).
const SIZED_BY_CSS = typeof CSS !== "undefined" && CSS.supports && CSS.supports("field-sizing", "content");
const toGrow = new Set();

export function grow(area) {
  if (SIZED_BY_CSS) return;
  if (!toGrow.size) requestAnimationFrame(growAll);
  toGrow.add(area);
}

function growAll() {
  const areas = [...toGrow];
  toGrow.clear();
  for (const a of areas) a.style.height = "auto";
  const heights = areas.map((a) => a.scrollHeight);
  areas.forEach((a, i) => (a.style.height = `${heights[i] + 2}px`));
}

// "12 500,5" → 12500.5; text that is not a number is kept as typed, so the check names it.
export function parseNumber(text) {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const normal = trimmed.replace(/[\s\u00a0]/g, "").replace(",", ".");
  return /^-?\d+(\.\d+)?$/.test(normal) ? Number(normal) : trimmed;
}

// ДД.ММ.ГГГГ (or YYYY-MM-DD) → YYYY-MM-DD; anything else is kept as typed.
export function parseDate(text) {
  const s = text.trim();
  let m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(s);
  if (m) return `${m[3]}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}`;
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return s;
}

export function showDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso || "";
}

export function dateInput(value, onValue) {
  const text = h("input", {
    type: "text",
    class: "date",
    placeholder: t("date_placeholder"),
    value: showDate(value),
    oninput: (e) => onValue(parseDate(e.target.value)),
    onblur: (e) => {
      const iso = parseDate(e.target.value);
      if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) e.target.value = showDate(iso);
    },
  });
  const picker = h("input", {
    type: "date",
    class: "picker",
    tabindex: "-1",
    "aria-hidden": "true",
    value: /^\d{4}-\d{2}-\d{2}$/.test(value || "") ? value : "",
    onchange: (e) => {
      text.value = showDate(e.target.value);
      onValue(e.target.value);
    },
  });
  const button = h(
    "button",
    {
      type: "button",
      class: "icon calendar",
      title: t("pick_date"),
      onclick: () => {
        picker.value = /^\d{4}-\d{2}-\d{2}$/.test(parseDate(text.value)) ? parseDate(text.value) : "";
        if (picker.showPicker) picker.showPicker();
        else picker.focus();
      },
    },
  );
  return h("span", { class: "date-wrap" }, text, button, picker);
}
