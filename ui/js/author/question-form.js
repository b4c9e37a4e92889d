// The form for one question: every field of the question file, with the reading grade beside each
// text a patient reads and the citation check beside each text that may cite. `changed()` runs on
// every keystroke (the live check); `redraw(focusPath)` after a field is added, removed or moved.
import { el } from "../dom.js";
import { draft, idFrom, move, nextReferenceNumber } from "./model.js";
import { fieldId, linesOf, selectField, smallButton, textField, textList } from "./fields.js";
import { placeField } from "./order.js";

/** Draws the form for `question` into `container`. */
export function renderQuestionForm(container, question, { changed, redraw, remove, move }) {
  const topics = (draft.manifest.topics ?? []).map((t) => ({ value: t.id, label: t.title || t.id }));
  if (!topics.some((t) => t.value === question.topic)) topics.unshift({ value: question.topic ?? "", label: "(choose a topic)" });
  const set = (key) => (value) => {
    question[key] = value;
    changed();
  };
  let idTouched = question.id !== "" && question.id !== idFrom(question.question);

  const idField = textField({
    label: "Id (the file name; lowercase letters, digits and dashes)",
    path: "id",
    value: question.id,
    onInput: (value) => {
      idTouched = true;
      set("id")(value);
    },
  });
  container.append(
    el("h2", { class: "form-heading", text: question.question || "New question", attrs: { id: "form-heading" } }),
    el("section", { class: "problems", attrs: { "aria-labelledby": "problems-heading" } }, [
      el("h3", { text: "Problems", attrs: { id: "problems-heading" } }),
      el("ul", { class: "problem-list", attrs: { id: "problem-list" } }),
    ]),
    textField({
      label: "Question, as patients ask it",
      path: "question",
      value: question.question,
      onInput: (value) => {
        question.question = value;
        container.querySelector("#form-heading").textContent = value || "New question";
        if (!idTouched) {
          question.id = idFrom(value);
          container.querySelector(`#${fieldId("id")}`).value = question.id;
        }
        changed();
      },
    }),
    idField,
    selectField({ label: "Topic", path: "topic", value: question.topic, options: topics, onInput: set("topic") }),
    placeField(move),
    textList({
      legend: "Urgent signs (call the care team right away)",
      hint: "Optional. Shown first, in a red box. Plain text, no citation markers.",
      path: "urgent",
      items: (question.urgent ??= []),
      itemLabel: (i) => `Urgent sign ${i + 1}`,
      addLabel: "Add an urgent sign",
      max: 8,
      graded: true,
      onInput: changed,
      onChange: redraw,
    }),
    textField({
      label: "Summary: the short plain answer",
      path: "summary",
      value: question.summary,
      multiline: true,
      rows: 4,
      graded: true,
      cites: true,
      hint: "Cite a reference with its number in brackets, e.g. [1] or [1, 2].",
      onInput: set("summary"),
    }),
    sectionsField(question, changed, redraw),
    textList({
      legend: "What to ask your doctor",
      path: "ask_your_doctor",
      items: (question.ask_your_doctor ??= []),
      itemLabel: (i) => `Question for the doctor ${i + 1}`,
      addLabel: "Add a question for the doctor",
      max: 12,
      graded: true,
      onInput: changed,
      onChange: redraw,
    }),
    referencesField(question, changed, redraw),
    textField({ label: "Reviewed on", path: "reviewed", type: "date", value: question.reviewed, onInput: set("reviewed") }),
    textField({
      label: "Keywords for search, one per line",
      path: "keywords",
      value: (question.keywords ?? []).join("\n"),
      multiline: true,
      onInput: (value) => {
        question.keywords = linesOf(value);
        changed();
      },
    }),
    textField({
      label: "More information (https:// address, printed as a QR code)",
      path: "more_info_url",
      type: "url",
      value: question.more_info_url ?? "",
      onInput: set("more_info_url"),
    }),
    el("div", { class: "form-actions" }, [
      smallButton("Remove this question", "Remove this question", remove, "author-button danger-button"),
    ]),
  );
}

function sectionsField(question, changed, redraw) {
  const sections = (question.sections ??= []);
  const fieldset = el("fieldset", { class: "list-field" }, [el("legend", { text: "Sections" })]);
  sections.forEach((section, i) => {
    const path = `sections[${i}]`;
    const name = `section ${i + 1}`;
    const box = el("fieldset", { class: "section-field" }, [el("legend", { text: `Section ${i + 1}` })]);
    box.append(
      textField({
        label: "Heading",
        path: `${path}.heading`,
        value: section.heading,
        graded: false,
        onInput: (value) => {
          section.heading = value;
          changed();
        },
      }),
      el("p", { class: "section-grade" }, [
        "The section as a whole: ",
        el("output", { class: "grade", attrs: { "data-grade-for": path } }),
      ]),
      textList({
        legend: "Paragraphs",
        path: `${path}.paragraphs`,
        items: (section.paragraphs ??= []),
        itemLabel: (j) => `Paragraph ${j + 1}`,
        addLabel: "Add a paragraph",
        max: 30,
        multiline: true,
        graded: true,
        cites: true,
        onInput: changed,
        onChange: redraw,
      }),
      el("div", { class: "row-actions" }, [
        smallButton("Move up", `Move up: ${name}`, () => move(sections, i, -1) && redraw()),
        smallButton("Move down", `Move down: ${name}`, () => move(sections, i, 1) && redraw()),
        smallButton("Remove section", `Remove ${name}`, () => {
          sections.splice(i, 1);
          redraw();
        }),
      ]),
    );
    fieldset.append(box);
  });
  const add = smallButton("Add a section", "Add a section", () => {
    sections.push({ heading: "", paragraphs: [""] });
    redraw(`sections[${sections.length - 1}].heading`);
  }, "author-button add-button");
  add.dataset.add = "sections";
  fieldset.append(add);
  return fieldset;
}

function referencesField(question, changed, redraw) {
  const references = (question.references ??= []);
  const fieldset = el("fieldset", { class: "list-field" }, [
    el("legend", { text: "References" }),
    el("p", { class: "field-hint", text: "PubMed id, DOI and web address (https://) are optional; patients see them as text." }),
  ]);
  references.forEach((reference, i) => {
    const path = `references[${i}]`;
    const set = (key) => (value) => {
      reference[key] = key === "n" ? Number(value) : value;
      changed();
    };
    fieldset.append(
      el("fieldset", { class: "section-field reference-field" }, [
        el("legend", { text: `Reference [${reference.n}]` }),
        el("output", { class: "unused", attrs: { "data-unused-for": String(reference.n) } }),
        textField({ label: "Number", path: `${path}.n`, type: "number", value: String(reference.n), onInput: set("n") }),
        textField({ label: "Citation", path: `${path}.text`, value: reference.text, multiline: true, rows: 2, onInput: set("text") }),
        textField({ label: "PubMed id", path: `${path}.pmid`, value: reference.pmid ?? "", onInput: set("pmid") }),
        textField({ label: "DOI (10.…)", path: `${path}.doi`, value: reference.doi ?? "", onInput: set("doi") }),
        textField({ label: "Web address", path: `${path}.url`, type: "url", value: reference.url ?? "", onInput: set("url") }),
        el("div", { class: "row-actions" }, [
          smallButton("Remove reference", `Remove reference ${reference.n}`, () => {
            references.splice(i, 1);
            redraw();
          }),
        ]),
      ]),
    );
  });
  const add = smallButton("Add a reference", "Add a reference", () => {
    references.push({ n: nextReferenceNumber(question), text: "" });
    redraw(`references[${references.length - 1}].text`);
  }, "author-button add-button");
  add.dataset.add = "references";
  fieldset.append(add);
  return fieldset;
}
