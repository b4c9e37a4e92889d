// The questions a patient picked for their doctor. They live in this module's memory only: never
// sent to the app's database, written to disk or logged, and gone at reset.
//
// An item from an answer is kept as (answer id, item index) with the text it had when picked, so
// it can be shown in another language where the answer has a translation. An item the patient
// wrote stays as written.

const items = []; // { key, answerId?, index?, texts: {lang: text}, own: boolean }
const listeners = new Set();
let ownCounter = 0;

function changed() {
  for (const listener of listeners) listener();
}

/** Calls `listener` whenever the picked list changes. */
export function subscribe(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** How many questions are picked. */
export function count() {
  return items.length;
}

/** All picked items, in order. */
export function all() {
  return items.map((item) => ({ ...item, texts: { ...item.texts } }));
}

function answerKey(answerId, index) {
  return `answer:${answerId}#${index}`;
}

/** Whether an answer's item is picked. */
export function isPicked(answerId, index) {
  return items.some((item) => item.key === answerKey(answerId, index));
}

/** Adds or removes an answer's "ask your doctor" item; returns whether it is now picked. */
export function toggle(answerId, index, text, language) {
  const key = answerKey(answerId, index);
  const at = items.findIndex((item) => item.key === key);
  if (at >= 0) {
    items.splice(at, 1);
    changed();
    return false;
  }
  items.push({ key, answerId, index, texts: { [language]: text }, own: false });
  changed();
  return true;
}

/** Adds a question the patient wrote. */
export function addOwn(text) {
  const trimmed = text.trim();
  if (!trimmed) return;
  ownCounter += 1;
  items.push({ key: `own:${ownCounter}`, texts: { any: trimmed }, own: true });
  changed();
}

/** Removes an item. */
export function remove(key) {
  const at = items.findIndex((item) => item.key === key);
  if (at >= 0) {
    items.splice(at, 1);
    changed();
  }
}

/**
 * Moves an item up (-1) or down (+1) among the items of its own group (the same answer, or the
 * patient's own questions).
 */
export function move(key, direction) {
  const at = items.findIndex((item) => item.key === key);
  if (at < 0) return;
  const group = groupOf(items[at]);
  let to = at + direction;
  while (to >= 0 && to < items.length && groupOf(items[to]) !== group) to += direction;
  if (to < 0 || to >= items.length) return;
  [items[at], items[to]] = [items[to], items[at]];
  changed();
}

/** The group an item is listed under: its answer's id, or "own". */
export function groupOf(item) {
  return item.own ? "own" : item.answerId;
}

/** Remembers an item's text in another language, once a translation has been looked up. */
export function rememberText(key, language, text) {
  const item = items.find((i) => i.key === key);
  if (item && !item.own) item.texts[language] = text;
}

/** Forgets everything (the next patient starts with an empty list). */
export function clearAll() {
  items.length = 0;
  ownCounter = 0;
  changed();
}

/** The items grouped as listed and printed: one group per answer (in the order first picked), then
 * the patient's own questions. */
export function grouped() {
  const groups = new Map();
  for (const item of all()) {
    const group = groupOf(item);
    if (!groups.has(group)) groups.set(group, []);
    groups.get(group).push(item);
  }
  const own = groups.get("own");
  groups.delete("own");
  const result = [...groups].map(([answerId, list]) => ({ answerId, items: list }));
  if (own) result.push({ answerId: null, items: own });
  return result;
}
