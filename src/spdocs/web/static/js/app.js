// The page: a header with the interface language, and two views chosen by the URL's hash:
// #/ the partnerships list, #/p/<id> one partnership's form.
import { call } from "./api.js";
import { h, clear } from "./dom.js";
import { Editor } from "./editor.js";
import { setCatalogs, setLang, lang, langName, t } from "./i18n.js";
import { showList } from "./list.js";

const main = document.getElementById("main");
let meta = null;
let editor = null;

async function route() {
  if (editor) {
    if (editor.dirty() && !location.hash.startsWith(`#/p/${encodeURIComponent(editor.id)}`) && !confirm(t("leave_unsaved"))) {
      history.back();
      return;
    }
    editor.close();
    editor = null;
  }
  drawHeader();
  const match = /^#\/p\/(.+)$/.exec(location.hash);
  try {
    if (match) {
      editor = new Editor(meta, decodeURIComponent(match[1]), main);
      await editor.open();
    } else {
      await showList(meta, main);
    }
  } catch (err) {
    clear(main).append(h("div", { class: "fatal", role: "alert" }, h("p", {}, err.message), h("a", { href: "#/" }, t("partnerships"))));
  }
}

function drawHeader() {
  const header = clear(document.getElementById("header"));
  const select = h(
    "select",
    {
      id: "ui-lang",
      "aria-label": t("interface_language"),
      onchange: (e) => {
        setLang(e.target.value);
        document.title = t("app_title");
        if (editor) {
          drawHeader();
          editor.draw();
          editor.runCheck();
        } else route();
      },
    },
    meta.langs.map((l) => h("option", { value: l, selected: l === lang() }, langName(l))),
  );
  header.append(h("a", { href: "#/", class: "brand" }, "spdocs"), h("span", { class: "tagline" }, t("app_title")), h("span", { class: "spacer" }), h("label", {}, t("interface_language"), " ", select));
}

async function start() {
  setLang(lang());
  ({ body: meta } = await call("GET", "/api/meta"));
  setCatalogs(meta);
  document.title = t("app_title");
  window.addEventListener("hashchange", route);
  await route();
}

start().catch((err) => {
  document.getElementById("main").textContent = err.message;
});
