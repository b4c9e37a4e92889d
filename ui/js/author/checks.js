// The live checks: as staff type, the question is sent to the engine's own check
// (`author_check`: the validator's rules and readability scores), and its answer is put beside
// each field — the reading grade, unknown citation markers, references never cited — with the
// validator's problems listed at the top of the form and the preview drawn again.
import * as api from "../api.js";
import { el } from "../dom.js";
import { draft, forSaving, manifestForSaving } from "./model.js";

/** The grade the validator warns above (readability::TARGET_MAX_GRADE). */
const TARGET_GRADE = 8;
const DELAY_MS = 150;

let timer = null;
let running = 0;

/**
 * Checks `question` soon (after typing pauses briefly), then calls `show(check)`. Only the newest
 * check's answer is shown, so a slow answer never overwrites a newer one.
 */
export function checkSoon(question, show) {
  clearTimeout(timer);
  timer = setTimeout(() => checkNow(question, show), DELAY_MS);
}

/** Checks `question` at once. */
export async function checkNow(question, show) {
  clearTimeout(timer);
  const mine = ++running;
  try {
    // The other questions' ids, so that an id two questions share is named while it is typed.
    const others = draft.questions.filter((q) => q !== question && q.id).map((q) => q.id);
    const check = await api.authorCheck(manifestForSaving(), forSaving(question), others);
    if (mine === running) show(check);
  } catch (error) {
    if (mine === running) show(null, error);
  }
}

/** Puts a check's findings beside the fields of the form in `form`. */
export function applyCheck(form, check) {
  for (const output of form.querySelectorAll("[data-grade-for]")) {
    const score = check.grades[output.dataset.gradeFor];
    output.classList.toggle("grade-high", Boolean(score && score.grade > TARGET_GRADE));
    output.textContent = score
      ? `Grade ${score.grade.toFixed(1)}${score.grade > TARGET_GRADE ? ` — aim for ${TARGET_GRADE} or below` : ""}`
      : "";
  }
  for (const output of form.querySelectorAll("[data-cites-for]")) {
    const unknown = check.unknown_citations.filter((c) => c.field === output.dataset.citesFor).map((c) => `[${c.n}]`);
    output.classList.toggle("cites-bad", unknown.length > 0);
    output.textContent = unknown.length > 0 ? `No reference for ${unknown.join(", ")}` : "";
  }
  for (const output of form.querySelectorAll("[data-unused-for]")) {
    const unused = check.unused_references.includes(Number(output.dataset.unusedFor));
    output.textContent = unused ? "Never cited: add its number in brackets to a text, or remove it" : "";
  }
  const list = form.querySelector("#problem-list");
  if (list) {
    list.replaceChildren(
      ...check.errors.map((p) => problemItem(p, "problem-error", "Error")),
      ...check.warnings.map((p) => problemItem(p, "problem-warning", "Warning")),
    );
    if (list.childElementCount === 0) list.append(el("li", { class: "problem-none", text: "No problems found." }));
  }
}

function problemItem(problem, className, kind) {
  const where = problem.field ? `${problem.field}: ` : "";
  return el("li", { class: className, text: `${kind}: ${where}${problem.message}` });
}
