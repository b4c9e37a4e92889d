// The content editor window (`clinic-kiosk author DIR`): a list of the bundle's topics and
// questions on the left, the form of the one chosen in the middle, the live preview on the
// right. Only this page's modules under js/author/ and the answer view it previews with are
// loaded; the kiosk's screens, idle reset and lock-down are not.
import * as api from "../api.js";
import { el } from "../dom.js";
import { useStrings } from "../i18n.js";
import { draft, blankQuestion } from "./model.js";
import { applyCheck, checkNow, checkSoon } from "./checks.js";
import { fieldId } from "./fields.js";
import { initPreview, showPreview, showPreviewNote, showTopicsPreview } from "./preview.js";
import { renderBundleForm } from "./bundle-form.js";
import { renderQuestionForm } from "./question-form.js";
import { initFiles, renderNewBundle } from "./files.js";
import { moveInTopic, questionName, showPlace } from "./order.js";

const form = () => document.getElementById("author-form");
const nav = () => document.getElementById("author-nav");

/** What the form shows: "bundle" or a question's index in draft.questions (null before a bundle is open). */
let selected = null;
let stringsLanguage = null;

/** Says something in the status line (saved, exported, a problem). */
export function say(text, isProblem = false) {
  const status = document.getElementById("author-status");
  status.textContent = text;
  status.classList.toggle("author-status-problem", isProblem);
}

/** The interface strings the preview uses, in the bundle's language. */
async function previewStrings() {
  const language = draft.manifest?.language || "en";
  if (language === stringsLanguage) return;
  const info = await api.authorInfo(language);
  useStrings(info.language, info.strings);
  stringsLanguage = language;
}

/** Marks the bundle changed (Save is offered, closing asks first). */
function markUnsaved() {
  draft.dirty = true;
  document.getElementById("author-save").disabled = false;
}

/** Marks the bundle changed and checks the question being edited. */
function changed() {
  markUnsaved();
  if (selected !== "bundle") checkSoon(draft.questions[selected], showCheck);
}

function showCheck(check, error) {
  if (error) {
    say(error.message, true);
    return;
  }
  applyCheck(form(), check);
  showPreview(check.preview);
}

/** Draws the list of topics and questions. */
export function renderNav() {
  const list = el("div", { class: "nav-groups" });
  list.append(navButton("Bundle details and topics", selected === "bundle", () => select("bundle")));
  const groups = new Map((draft.manifest.topics ?? []).map((t) => [t.id, { title: t.title, items: [] }]));
  const orphans = { title: "Without a known topic", items: [] };
  draft.questions.forEach((question, index) => (groups.get(question.topic) ?? orphans).items.push({ question, index }));
  for (const group of [...groups.values(), orphans]) {
    if (group === orphans && group.items.length === 0) continue;
    list.append(el("h2", { class: "nav-topic", text: group.title || "(untitled topic)" }));
    const ul = el("ul", { class: "nav-list" });
    for (const { question, index } of group.items) {
      ul.append(el("li", {}, [navButton(questionName(question), selected === index, () => select(index), index)]));
    }
    list.append(ul);
  }
  list.append(
    el("button", {
      class: "author-button add-button",
      text: "Add a question",
      attrs: { type: "button", id: "add-question" },
      on: { click: addQuestion },
    }),
  );
  nav().replaceChildren(list);
}

function navButton(text, current, onPress, index) {
  const button = el("button", { class: "nav-item", text, attrs: { type: "button" }, on: { click: onPress } });
  if (current) button.setAttribute("aria-current", "true");
  if (index !== undefined) button.dataset.index = String(index);
  return button;
}

function addQuestion() {
  const topic = draft.manifest.topics?.[0]?.id ?? "";
  draft.questions.push(blankQuestion(topic));
  markUnsaved();
  select(draft.questions.length - 1, "question");
}

/** Moves the question being edited up (-1) or down (+1) in its topic; the list shows it at once. */
function moveQuestion(step) {
  const moved = moveInTopic(selected, step);
  if (moved === null) {
    say(`“${questionName(draft.questions[selected])}” is already ${step < 0 ? "first" : "last"} in its topic.`);
    return;
  }
  selected = moved;
  markUnsaved();
  renderNav();
  showPlace(selected);
  say(`Moved “${questionName(draft.questions[selected])}” ${step < 0 ? "up" : "down"}. Save to keep the new order.`);
}

function removeQuestion() {
  const question = draft.questions[selected];
  const name = question.question || question.id || "this question";
  if (!window.confirm(`Remove "${name}"? Its file is deleted when you save.`)) return;
  draft.questions.splice(selected, 1);
  markUnsaved();
  select("bundle");
}

/** Shows the form of `what` ("bundle" or a question index), focusing `focusPath` if given. */
export async function select(what, focusPath) {
  selected = what;
  renderNav();
  await draw(focusPath, false);
}

/**
 * Draws the form of the selected item. After an add, remove or move (`keepScroll`) the form stays
 * where it was, and `focusPath` (a field just added) gets the focus; a newly chosen form starts at
 * its top.
 */
async function draw(focusPath, keepScroll) {
  const container = form();
  const scroll = keepScroll ? container.scrollTop : 0;
  container.replaceChildren();
  const redraw = (path) => {
    changed();
    draw(path, true);
    if (selected === "bundle") renderNav();
  };
  if (selected === "bundle") {
    const topicsPreview = () =>
      showTopicsPreview(
        (draft.manifest.topics ?? []).map((topic) => ({
          ...topic,
          questions: draft.questions.filter((q) => q.topic === topic.id).length,
        })),
      );
    renderBundleForm(container, {
      changed: () => {
        changed();
        renderNav();
        // The language may have changed: the preview's strings follow the bundle's language.
        previewStrings()
          .then(topicsPreview)
          .catch((error) => say(error.message, true));
      },
      redraw,
    });
    await previewStrings();
    topicsPreview();
  } else {
    const question = draft.questions[selected];
    let topicBefore = question.topic;
    renderQuestionForm(container, question, {
      changed: () => {
        changed();
        if (question.topic !== topicBefore) {
          // A new topic: the question joins the end of that topic's list.
          topicBefore = question.topic;
          draft.questions.push(...draft.questions.splice(selected, 1));
          selected = draft.questions.length - 1;
          renderNav();
        }
        const item = nav().querySelector(`.nav-item[data-index="${selected}"]`);
        if (item) item.textContent = questionName(question);
        showPlace(selected);
      },
      redraw,
      remove: removeQuestion,
      move: moveQuestion,
    });
    showPlace(selected);
    await previewStrings();
    checkNow(question, showCheck);
  }
  container.scrollTop = scroll;
  if (focusPath) document.getElementById(fieldId(focusPath))?.focus();
}

/** Shows the editor on the bundle just opened, created or exported, on the same form as before. */
export async function showBundle(opened) {
  const before = selected === "bundle" ? "bundle" : draft.questions[selected]?.id;
  draft.manifest = opened.manifest;
  draft.questions = opened.questions;
  draft.dirty = false;
  stringsLanguage = null;
  document.getElementById("author-save").disabled = true;
  document.getElementById("author-export").disabled = false;
  const same = draft.questions.findIndex((q) => q.id === before);
  await select(before === "bundle" && draft.manifest ? "bundle" : same >= 0 ? same : draft.questions.length > 0 ? 0 : "bundle");
}

async function start() {
  initPreview();
  try {
    const info = await api.authorInfo("en");
    draft.dir = info.dir;
    document.getElementById("author-dir").textContent = info.dir;
    initFiles();
    const opened = await api.authorOpen();
    if (opened) {
      await showBundle(opened);
    } else {
      renderNewBundle(form());
      showPreviewNote("Start the bundle first.");
    }
  } catch (error) {
    say(error.message, true);
  }
  // Closing the window asks first when something is unsaved (the app sends this event).
  window.addEventListener("author-close-requested", () => {
    if (!draft.dirty || window.confirm("Close the editor without saving? Changes since the last save will be lost.")) {
      api.authorClose().catch((error) => say(error.message, true));
    }
  });
  document.body.dataset.ready = "true";
}

start();
