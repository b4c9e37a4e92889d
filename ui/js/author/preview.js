// The live preview: the question drawn by the answer view patients see (views/answer.js), at the
// kiosk's three text sizes, in the bundle's language.
import { el } from "../dom.js";
import { answerArticle } from "../views/answer.js";
import { topicTile } from "../views/home.js";
import { t } from "../i18n.js";
import { initReferenceDialog } from "../reference.js";

const pane = () => document.getElementById("preview-pane");

/** The width of the kiosk's window the preview is laid out at (see author.css). */
const KIOSK_WIDTH = 1024;

/** Zooms the kiosk-wide preview to the width of its column. */
function fitPreview() {
  const width = pane().clientWidth;
  if (width > 0) pane().style.setProperty("--preview-zoom", String(Math.min(1, width / KIOSK_WIDTH)));
}

/** Wires the three text size buttons and the reference dialog the citation markers open. */
export function initPreview() {
  for (const button of document.querySelectorAll(".preview-size")) {
    button.addEventListener("click", () => setPreviewSize(Number(button.dataset.size)));
  }
  initReferenceDialog();
  new ResizeObserver(fitPreview).observe(pane());
  fitPreview();
}

/** Shows the preview at text size 0, 1 or 2 (the kiosk's 100, 120 and 145 %). */
export function setPreviewSize(size) {
  pane().dataset.size = String(size);
  for (const button of document.querySelectorAll(".preview-size")) {
    button.setAttribute("aria-pressed", String(Number(button.dataset.size) === size));
  }
}

/** Draws `answer` (the check's preview) as patients see it; keeps the scroll position. */
export function showPreview(answer) {
  const node = pane();
  const top = node.scrollTop;
  let article;
  try {
    article = answerArticle(answer);
  } catch (error) {
    article = el("p", { class: "notice", text: `The preview cannot be drawn yet: ${error.message}` });
  }
  // The kiosk's own page frame (main), so the answer gets the kiosk's margins too.
  node.replaceChildren(el("div", { class: "preview-screen" }, [el("div", { class: "preview-main" }, [article])]));
  node.scrollTop = top;
}

/**
 * Shows the bundle's topics as Home's tiles, in their order, with their question counts. A topic
 * without questions is not shown on the kiosk, so it is listed apart.
 */
export function showTopicsPreview(topics) {
  const shown = topics.filter((topic) => topic.questions > 0);
  const hidden = topics.filter((topic) => topic.questions === 0);
  const grid = el("div", { class: "tile-grid" }, shown.map((topic) => topicTile(topic, () => {})));
  const main = el("div", { class: "preview-main" }, [el("h2", { class: "section-heading", text: t("home.topics") }), grid]);
  if (hidden.length > 0) {
    main.append(
      el("p", { class: "notice", text: `Not shown until they have a question: ${hidden.map((topic) => topic.title || topic.id).join(", ")}` }),
    );
  }
  pane().replaceChildren(el("div", { class: "preview-screen" }, [main]));
}

/** Shows a note instead of a preview (e.g. while the bundle's details are edited). */
export function showPreviewNote(text) {
  pane().replaceChildren(el("p", { class: "preview-note", text }));
}
