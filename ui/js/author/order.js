// The order of the questions within each topic, which is the order patients see on the topic's
// page. draft.questions holds it (a topic's questions in the order they have in that array); the
// list on the left shows it, the Move up / Move down buttons of a question's form change it, and
// Save writes it as each topic's `questions` list (the app leaves out a list that only repeats
// the alphabetical order, so such a bundle stays readable by older kiosks).
import { el } from "../dom.js";
import { draft } from "./model.js";

/** The indexes in draft.questions of the questions of `topic`, in order. */
function indexesOf(topic) {
  const indexes = [];
  draft.questions.forEach((question, index) => {
    if (question.topic === topic) indexes.push(index);
  });
  return indexes;
}

/** How a question is named to staff: its text, else its id. */
export function questionName(question) {
  return question.question || question.id || "New question";
}

/**
 * Moves question `index` one place up (`step` -1) or down (+1) among the questions of its topic.
 * Returns its new index in draft.questions, or null when it is already first or last.
 */
export function moveInTopic(index, step) {
  const same = indexesOf(draft.questions[index].topic);
  const target = same[same.indexOf(index) + step];
  if (target === undefined) return null;
  [draft.questions[index], draft.questions[target]] = [draft.questions[target], draft.questions[index]];
  return target;
}

/** `manifest` (as it is saved) with each topic's `questions` list in the editor's order. */
export function withQuestionOrder(manifest) {
  for (const topic of manifest.topics ?? []) {
    const ids = indexesOf(topic.id)
      .map((index) => draft.questions[index].id)
      .filter((id) => id);
    if (ids.length > 0) topic.questions = ids;
    else delete topic.questions;
  }
  return manifest;
}

/**
 * The "Place in its topic" part of a question's form: where the question stands among its
 * topic's questions, and the buttons that move it. `onMove(step)` runs when one is pressed.
 */
export function placeField(onMove) {
  const button = (text, id, step) =>
    el("button", { class: "author-button move-button", text, attrs: { type: "button", id }, on: { click: () => onMove(step) } });
  return el("div", { class: "field place-field", attrs: { role: "group", "aria-labelledby": "place-label" } }, [
    el("p", { class: "field-label", text: "Place in its topic", attrs: { id: "place-label" } }),
    el("p", { class: "field-hint", attrs: { id: "question-place" } }),
    el("div", { class: "row-actions" }, [button("Move up", "move-question-up", -1), button("Move down", "move-question-down", 1)]),
  ]);
}

/** Fills in the place of question `index` and the names of its move buttons (after a move, a new topic or a new text). */
export function showPlace(index) {
  const question = draft.questions[index];
  const place = document.getElementById("question-place");
  if (!question || !place) return;
  const same = indexesOf(question.topic);
  const topic = (draft.manifest.topics ?? []).find((t) => t.id === question.topic);
  const title = topic ? `“${topic.title || topic.id}”` : "its topic";
  place.textContent = `Question ${same.indexOf(index) + 1} of ${same.length} in ${title}. Patients see a topic's questions in this order.`;
  const name = questionName(question);
  document.getElementById("move-question-up").setAttribute("aria-label", `Move up: “${name}”`);
  document.getElementById("move-question-down").setAttribute("aria-label", `Move down: “${name}”`);
}
