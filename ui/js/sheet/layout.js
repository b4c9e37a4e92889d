// The "questions for my doctor" sheet as DOM: the same element is shown as the on-screen preview
// and printed (see the @media print rules in kiosk.css). No name or other personal data is ever
// on it. The urgent signs of the answers the questions came from are printed first, each once;
// every answer named as a source says who reviewed it, or that it is a draft.
import * as api from "../api.js";
import { el } from "../dom.js";
import { t, formatDate, clinicName } from "../i18n.js";

/**
 * Ruled answer lines per question, fewer when there are many questions (or many urgent signs), to
 * keep to one page; with the most, answers go in the notes.
 */
function answerLines(load) {
  if (load <= 3) return 3;
  if (load <= 6) return 2;
  if (load <= 9) return 1;
  return 0;
}

/** "Reviewed by … on <date>", or the draft notice, for a source answer. */
function sourceStatus(source) {
  if (source.reviewStatus === "reviewed" && source.reviewedBy) {
    return t("answer.reviewed", { who: source.reviewedBy, date: formatDate(source.reviewed) });
  }
  return t("answer.draft");
}

/** Builds the sheet for `data` (from sheet/data.js). */
export async function buildSheet(data) {
  const total = data.groups.reduce((n, g) => n + g.items.length, 0);
  // The urgent box takes room too: two signs sit side by side, about one question's height.
  const load = total + Math.ceil(data.urgent.length / 2);
  const lines = answerLines(load);
  const today = new Date().toISOString().slice(0, 10);
  const sheet = el("article", { class: "sheet", attrs: { "aria-label": t("sheet.title") } });
  sheet.dataset.density = load > 8 ? "compact" : "roomy";

  const header = el("header", { class: "sheet-header" }, [
    clinicName() ? el("p", { class: "sheet-clinic", text: clinicName() }) : null,
    el("p", { class: "sheet-date", text: t("sheet.date", { date: formatDate(today) }) }),
  ]);
  sheet.append(header, el("h1", { class: "sheet-title", text: t("sheet.title") }));
  if (data.urgent.length > 0) {
    sheet.append(
      el("section", { class: "sheet-urgent" }, [
        el("h2", { class: "sheet-urgent-heading", text: t("sheet.urgent") }),
        el("ul", { class: "sheet-urgent-list" }, data.urgent.map((sign) => el("li", { text: sign }))),
      ]),
    );
  }

  const list = el("ol", { class: "sheet-questions" });
  for (const group of data.groups) {
    for (const item of group.items) {
      const ruled = Array.from({ length: lines }, () => el("span", { class: "sheet-line", attrs: { "aria-hidden": "true" } }));
      list.append(
        el("li", { class: "sheet-question" }, [
          el("span", { class: "sheet-box", attrs: { "aria-hidden": "true" } }),
          el("span", { class: "sheet-question-text", text: item.text }),
          el("span", { class: "sheet-lines" }, ruled),
        ]),
      );
    }
  }
  sheet.append(list);

  const notes = el("section", { class: "sheet-notes" }, [
    el("h2", { text: t("sheet.notes") }),
    ...Array.from({ length: load > 8 ? 1 : 3 }, () => el("span", { class: "sheet-line", attrs: { "aria-hidden": "true" } })),
  ]);
  sheet.append(notes);

  const sources = el("section", { class: "sheet-sources" });
  // Who reviewed the answers (or that they are drafts): once when all sources agree, else per source.
  const statuses = [...new Set(data.groups.filter((g) => g.source).map((g) => sourceStatus(g.source)))];
  if (statuses.length === 1) sources.append(el("p", { class: "sheet-review", text: statuses[0] }));
  for (const group of data.groups) {
    if (!group.source) continue;
    const from = t("sheet.from", { question: group.source.question });
    const line = el("div", { class: "sheet-source" }, [
      el("p", { text: statuses.length === 1 ? from : `${from} · ${sourceStatus(group.source)}` }),
    ]);
    if (group.source.moreInfoUrl) {
      try {
        const qr = await api.qrCode(group.source.moreInfoUrl);
        line.append(
          el("figure", { class: "sheet-qr" }, [
            el("img", { attrs: { src: qr, alt: t("sheet.qr", { address: group.source.moreInfoUrl }) } }),
          ]),
        );
      } catch {
        line.append(el("p", { class: "sheet-url", text: group.source.moreInfoUrl }));
      }
    }
    sources.append(line);
  }
  sheet.append(sources);
  for (const disclaimer of data.disclaimers) {
    sheet.append(el("p", { class: "sheet-disclaimer", text: disclaimer }));
  }
  return sheet;
}
