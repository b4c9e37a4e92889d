// Answer: the question, the signs that need help right away (in a box before anything else), the
// plain summary in large type, what the research says with tappable citation markers, what to ask
// the doctor, the references as text, who reviewed it (or that it is a draft) and the bundle's
// disclaimer.
import * as api from "../api.js";
import { el, button } from "../dom.js";
import * as nav from "../navigation.js";
import { readAloudButton } from "../read-aloud.js";
import { t, language, formatDate } from "../i18n.js";
import { referenceIds, showReference } from "../reference.js";
import { showError } from "../status.js";
import * as picked from "../picked.js";

const FALLBACK_LANGUAGE = "en";

export async function renderAnswer(container, params) {
  let answer;
  try {
    answer = await api.openAnswer(params.inEnglish ? FALLBACK_LANGUAGE : language(), params.id);
  } catch (error) {
    if (error.code === api.ERROR_CODES.NOT_FOUND && language() !== FALLBACK_LANGUAGE && (await offerEnglish(container, params.id))) return;
    showError(error);
    return;
  }
  if (params.inEnglish && language() !== FALLBACK_LANGUAGE) {
    container.append(el("p", { class: "notice untranslated", text: t("answer.untranslated") }));
  }
  container.append(answerArticle(answer));
}

/**
 * The answer as patients see it, built from an answer's data alone. The answer screen and the
 * content editor's live preview (`author/preview.js`) both draw it, so the preview cannot differ.
 */
export function answerArticle(answer) {
  const references = new Map(answer.references.map((r) => [r.n, r]));
  const article = el("article", { class: "answer", attrs: { lang: answer.language } });
  article.append(
    el("h1", { class: "screen-heading answer-question", text: answer.question }),
    readAloudButton(answer.language, () => spokenText(answer)),
  );
  if (answer.urgent.length > 0) article.append(urgentBox(answer.urgent));
  article.append(paragraph(answer.summary, references, "answer-summary"));
  for (const section of answer.sections) {
    article.append(el("h2", { class: "section-heading", text: section.heading }));
    for (const segments of section.paragraphs) {
      article.append(paragraph(segments, references, "answer-paragraph"));
    }
  }
  const askList = el(
    "ul",
    { class: "ask-list" },
    answer.ask_your_doctor.map((item, index) =>
      el("li", { class: "ask-item" }, [el("span", { class: "ask-text", text: item }), pickToggle(answer, index, item)]),
    ),
  );
  article.append(el("section", { class: "ask-box" }, [el("h2", { class: "section-heading", text: t("answer.ask") }), askList]));
  if (answer.references.length > 0) {
    const list = el("ol", { class: "reference-list" });
    for (const reference of answer.references) {
      const ids = referenceIds(reference);
      list.append(
        el("li", { attrs: { value: String(reference.n), id: `reference-${reference.n}` } }, [
          el("span", { class: "reference-text", text: reference.text }),
          ids ? el("span", { class: "reference-ids", text: ids }) : null,
        ]),
      );
    }
    article.append(el("h2", { class: "section-heading", text: t("answer.references") }), list);
  }
  article.append(
    el("p", { class: `reviewed review-${answer.review_status}`, text: reviewStatusText(answer) }),
    el("p", { class: "disclaimer", text: answer.bundle.disclaimer }),
  );
  return article;
}

/** "Reviewed by … on <date>", or that no clinician has checked it yet, in the patient's language. */
export function reviewStatusText(answer) {
  if (answer.review_status === "reviewed" && answer.reviewed_by) {
    return t("answer.reviewed", { who: answer.reviewed_by, date: formatDate(answer.reviewed) });
  }
  return t("answer.draft");
}

/** The signs that need a call right away: a box a patient cannot miss, before the summary. */
function urgentBox(signs) {
  return el("section", { class: "urgent-box", attrs: { "aria-labelledby": "urgent-heading" } }, [
    el("h2", { class: "urgent-heading", text: t("answer.urgent.heading"), attrs: { id: "urgent-heading" } }),
    el("p", { class: "urgent-intro", text: t("answer.urgent.intro") }),
    el("ul", { class: "urgent-list" }, signs.map((sign) => el("li", { class: "urgent-sign", text: sign }))),
  ]);
}

/**
 * No translation: say so, and offer the English text. Resolves false when there is no English
 * text either (the caller then shows "not available").
 */
async function offerEnglish(container, id) {
  let english;
  try {
    english = await api.getQuestion(FALLBACK_LANGUAGE, id);
  } catch {
    return false;
  }
  container.append(
    el("h1", { class: "screen-heading", text: t("answer.untranslated_heading") }),
    el("p", { class: "notice untranslated", text: t("answer.untranslated_offer") }),
    el("p", { class: "untranslated-question", text: english.question, attrs: { lang: english.language } }),
    el("div", { class: "screen-actions" }, [
      button(t("answer.show_english"), () => nav.go("answer", { id, inEnglish: true }), "primary-button show-english"),
    ]),
  );
  return true;
}

/**
 * What "Read aloud" says: the urgent signs first, then the question, the summary and each section,
 * without citation numbers.
 */
function spokenText(answer) {
  const plain = (segments) => segments.map((segment) => segment.text ?? "").join("");
  const parts = [];
  if (answer.urgent.length > 0) parts.push(t("answer.urgent.heading"), t("answer.urgent.intro"), ...answer.urgent);
  parts.push(answer.question, plain(answer.summary));
  for (const section of answer.sections) {
    parts.push(section.heading, ...section.paragraphs.map(plain));
  }
  parts.push(t("answer.ask"), ...answer.ask_your_doctor);
  return parts.join("\n");
}

/** The large "Add to my questions" / "Added" toggle under an "ask your doctor" item. */
function pickToggle(answer, index, text) {
  const toggle = el("button", { class: "pick-toggle", attrs: { type: "button" } });
  toggle.dataset.index = String(index);
  const show = () => {
    const on = picked.isPicked(answer.id, index);
    toggle.setAttribute("aria-pressed", String(on));
    toggle.textContent = on ? t("pick.added") : t("pick.add");
  };
  toggle.addEventListener("click", () => {
    picked.toggle(answer.id, index, text, answer.language);
    show();
  });
  show();
  return toggle;
}

const TRAILING_WORD = /(\S+)$/u;
const LEADING_PUNCTUATION = /^[.,;:!?)\]»”’"']+/u;

/**
 * A paragraph whose citation markers are buttons that open the reference. Each marker is kept on
 * one line with the word before it and the punctuation after it, so a line never starts with a
 * marker or a lone full stop.
 */
function paragraph(segments, references, className) {
  const p = el("p", { class: className });
  let pending = "";
  let taken = 0; // leading characters of this text segment already placed after a marker
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment.text !== undefined) {
      pending += segment.text.slice(taken);
      taken = 0;
      continue;
    }
    const word = pending.match(TRAILING_WORD)?.[1] ?? "";
    p.append(document.createTextNode(pending.slice(0, pending.length - word.length)));
    const next = segments[i + 1];
    const punctuation = next?.text?.match(LEADING_PUNCTUATION)?.[0] ?? "";
    taken = punctuation.length;
    p.append(el("span", { class: "cited" }, [word, citeButtons(segment.cite, references), punctuation]));
    pending = "";
  }
  p.append(document.createTextNode(pending));
  return p;
}

function citeButtons(numbers, references) {
  const sup = el("sup", { class: "cite-group" });
  for (const n of numbers) {
    const reference = references.get(n);
    sup.append(
      el(
        "button",
        {
          class: "cite",
          attrs: { type: "button", "aria-label": t("answer.cite", { n }) },
          on: { click: () => reference && showReference(reference) },
        },
        [el("span", { class: "cite-chip", text: String(n), attrs: { "aria-hidden": "true" } })],
      ),
    );
  }
  return sup;
}
