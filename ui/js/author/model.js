// The bundle being edited, held in memory as the JSON the files will hold: the manifest and one
// object per question. Forms write into these objects as staff type; `forSaving` turns a question
// into the JSON a file gets (optional fields that are empty are left out, as the format wants).

export const draft = {
  dir: "",
  manifest: null,
  questions: [],
  /** Whether anything changed since the last save. */
  dirty: false,
};

/** Today as YYYY-MM-DD, the default review and publication date. */
export function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A question id made from its text: lowercase letters, digits and dashes, at most 80. */
export function idFrom(text) {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");
}

/** A new, empty question in `topic`, with one empty "ask your doctor" item to fill in. */
export function blankQuestion(topic) {
  return {
    id: "",
    topic,
    question: "",
    summary: "",
    sections: [],
    ask_your_doctor: [""],
    references: [],
    reviewed: today(),
    keywords: [],
  };
}

/** The question as its file holds it: empty optional fields left out. */
export function forSaving(question) {
  const out = structuredClone(question);
  if (!out.urgent || out.urgent.length === 0) delete out.urgent;
  if (!out.more_info_url) delete out.more_info_url;
  if (!out.keywords || out.keywords.length === 0) delete out.keywords;
  out.references = (out.references ?? []).map((reference) => {
    const clean = { n: reference.n, text: reference.text };
    for (const key of ["pmid", "doi", "url"]) {
      if (reference[key]) clean[key] = reference[key];
    }
    return clean;
  });
  return out;
}

/** The manifest as its file holds it: an empty reviewer is left out (the bundle is a draft). */
export function manifestForSaving() {
  const out = structuredClone(draft.manifest);
  if (!out.reviewed_by) delete out.reviewed_by;
  return out;
}

/** Moves item `index` of `list` by `step` (-1 up, +1 down); false when it cannot move. */
export function move(list, index, step) {
  const target = index + step;
  if (target < 0 || target >= list.length) return false;
  [list[index], list[target]] = [list[target], list[index]];
  return true;
}

/** The next free reference number of a question. */
export function nextReferenceNumber(question) {
  return (question.references ?? []).reduce((max, r) => Math.max(max, Number(r.n) || 0), 0) + 1;
}
