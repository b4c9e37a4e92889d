// My questions: the picked questions grouped under the answer they came from, each with buttons
// to move it up or down or remove it; "Add my own question"; and the way to the printed sheet.
import { el, button } from "../dom.js";
import { t, language } from "../i18n.js";
import * as nav from "../navigation.js";
import * as picked from "../picked.js";
import { openKeyboard } from "../keyboard.js";
import { sheetData } from "../sheet/data.js";

const OWN_QUESTION_MAX = 200;

export async function renderMyQuestions(container) {
  container.append(el("h1", { class: "screen-heading", text: t("my.heading") }));
  const data = await sheetData(language());
  if (data.groups.length === 0) {
    container.append(el("p", { class: "notice", text: t("my.empty") }));
  }
  for (const group of data.groups) {
    const title = group.source ? group.source.question : t("my.own");
    const list = el("ol", { class: "picked-list" });
    group.items.forEach((item, index) => {
      list.append(
        el("li", { class: "picked-item", attrs: { "data-key": item.key } }, [
          el("span", { class: "picked-text", text: item.text }),
          el("span", { class: "picked-actions" }, [
            iconButton("↑", t("my.up", { question: item.text }), () => picked.move(item.key, -1), index === 0),
            iconButton("↓", t("my.down", { question: item.text }), () => picked.move(item.key, 1), index === group.items.length - 1),
            iconButton("✕", t("my.remove", { question: item.text }), () => picked.remove(item.key), false, "remove-button"),
          ]),
        ]),
      );
    });
    container.append(el("section", { class: "picked-group" }, [el("h2", { class: "section-heading", text: title }), list]));
  }
  const addOwn = button(t("my.add_own"), async () => {
    const text = await openKeyboard({ title: t("my.add_own"), maxLength: OWN_QUESTION_MAX });
    if (text) picked.addOwn(text);
  }, "secondary-button add-own-button");
  const toSheet = button(t("my.to_sheet"), () => nav.go("sheet"), "primary-button to-sheet-button");
  toSheet.disabled = data.groups.length === 0;
  container.append(el("div", { class: "screen-actions" }, [addOwn, toSheet]));
}

function iconButton(symbol, label, onPress, disabled, extraClass = "") {
  const b = el("button", {
    class: `icon-button ${extraClass}`.trim(),
    text: symbol,
    attrs: { type: "button", "aria-label": label, title: label },
    on: { click: onPress },
  });
  b.disabled = disabled;
  return b;
}
