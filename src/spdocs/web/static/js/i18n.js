// The interface language (kk, ru, en), chosen by the user and remembered in this browser,
// and the catalogs of interface strings and field labels the server sends with /api/meta.

const KEY = "spdocs.lang";
const LANGS = ["kk", "ru", "en"];
let ui = {};
let labels = { fields: {}, values: {} };
let current = initial();

function initial() {
  const saved = localStorage.getItem(KEY);
  if (LANGS.includes(saved)) return saved;
  for (const pref of navigator.languages || []) {
    const code = pref.slice(0, 2).toLowerCase();
    if (LANGS.includes(code)) return code;
  }
  return "ru";
}

export function setCatalogs(meta) {
  ui = meta.ui;
  labels = meta.labels;
}

export function lang() {
  return current;
}

export function setLang(code) {
  if (!LANGS.includes(code)) return;
  current = code;
  localStorage.setItem(KEY, code);
  document.documentElement.lang = code;
}

// An interface string, with {name} placeholders filled from vars.
export function t(key, vars) {
  const entry = ui[key];
  let text = entry ? entry[current] || entry.en : key;
  for (const [name, value] of Object.entries(vars || {})) text = text.split(`{${name}}`).join(String(value));
  return text;
}

// A field's label: from the catalog, else its name made readable (a new field needs no code).
export function fieldLabel(name) {
  const entry = labels.fields[name];
  if (entry && entry[current]) return entry[current];
  const words = String(name).replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// The label of a coded value (a choice in a drop-down), else the code itself.
export function valueLabel(code) {
  const entry = labels.values[code];
  return entry && entry[current] ? entry[current] : String(code);
}

export function langName(code) {
  return { kk: "Қазақша", ru: "Русский", en: "English" }[code] || code;
}
