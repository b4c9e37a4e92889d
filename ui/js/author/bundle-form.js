// The form for the bundle itself (manifest.json): its title, publisher, language, dates,
// disclaimer, reviewer and topics. Topics are added, removed and put in the order Home shows them.
// The id, version and file list are kept by the editor: the version goes up on export, the file
// list is written on save.
import { el } from "../dom.js";
import { draft, idFrom, move } from "./model.js";
import { fieldId, selectField, smallButton, textField } from "./fields.js";

/** Draws the bundle form into `container`. */
export function renderBundleForm(container, { changed, redraw }) {
  const manifest = draft.manifest;
  const set = (key) => (value) => {
    manifest[key] = value;
    changed();
  };
  container.append(
    el("h2", { class: "form-heading", text: "Bundle details and topics" }),
    el("p", { class: "field-hint", text: `Bundle ${manifest.id}, version ${manifest.version}. The version goes up when you export with "Raise the version".` }),
    textField({ label: "Title", path: "manifest.title", value: manifest.title, onInput: set("title") }),
    textField({ label: "Publisher (your clinic or organisation)", path: "manifest.publisher", value: manifest.publisher, onInput: set("publisher") }),
    selectField({
      label: "Language of every text in this bundle",
      path: "manifest.language",
      value: manifest.language,
      options: languageOptions(manifest.language),
      onInput: set("language"),
    }),
    textField({ label: "Published on", path: "manifest.published", type: "date", value: manifest.published, onInput: set("published") }),
    textField({
      label: "Disclaimer, shown under every answer and on the printed sheet",
      path: "manifest.disclaimer",
      value: manifest.disclaimer,
      multiline: true,
      rows: 3,
      onInput: set("disclaimer"),
    }),
    textField({
      label: "Reviewed by (clinician's name, credentials, clinic)",
      path: "manifest.reviewed_by",
      value: manifest.reviewed_by ?? "",
      hint: "Leave empty while the content is a draft: patients then see \"Draft — not yet checked by a clinician\".",
      onInput: set("reviewed_by"),
    }),
    topicsField(manifest, changed, redraw),
  );
}

function languageOptions(current) {
  const options = [
    { value: "en", label: "English (en)" },
    { value: "es", label: "Spanish (es)" },
  ];
  if (current && !options.some((o) => o.value === current)) options.push({ value: current, label: current });
  return options;
}

/** A Move up / Move down button of a topic; its id lets the focus follow the topic it moved. */
function moveButton(text, label, path, onPress) {
  const button = smallButton(text, label, onPress, "author-button move-button");
  button.id = fieldId(path);
  return button;
}

function topicsField(manifest, changed, redraw) {
  const topics = (manifest.topics ??= []);
  const fieldset = el("fieldset", { class: "list-field" }, [
    el("legend", { text: "Topics, in the order Home shows them" }),
    el("p", { class: "field-hint", text: "Changing a topic's id moves its questions with it." }),
  ]);
  topics.forEach((topic, i) => {
    const used = draft.questions.filter((q) => q.topic === topic.id).length;
    const name = `topic ${topic.title || i + 1}`;
    const title = topic.title || topic.id || String(i + 1);
    fieldset.append(
      el("fieldset", { class: "section-field topic-field" }, [
        el("legend", { text: `Topic ${i + 1} (${used} question${used === 1 ? "" : "s"})` }),
        textField({
          label: "Title",
          path: `manifest.topics[${i}].title`,
          value: topic.title,
          onInput: (value) => {
            topic.title = value;
            for (const way of ["up", "down"]) {
              const button = document.getElementById(fieldId(`manifest.topics[${i}].${way}`));
              button?.setAttribute("aria-label", `Move ${way}: topic “${value || topic.id}”`);
            }
            changed();
          },
        }),
        textField({
          label: "Id",
          path: `manifest.topics[${i}].id`,
          value: topic.id,
          onInput: (value) => {
            for (const question of draft.questions) {
              if (question.topic === topic.id) question.topic = value;
            }
            topic.id = value;
            changed();
          },
        }),
        el("div", { class: "row-actions" }, [
          moveButton("Move up", `Move up: topic “${title}”`, `manifest.topics[${i}].up`, () => move(topics, i, -1) && redraw(`manifest.topics[${i - 1}].up`)),
          moveButton("Move down", `Move down: topic “${title}”`, `manifest.topics[${i}].down`, () => move(topics, i, 1) && redraw(`manifest.topics[${i + 1}].down`)),
          used === 0
            ? smallButton("Remove topic", `Remove ${name}`, () => {
                topics.splice(i, 1);
                redraw();
              })
            : el("span", { class: "field-hint", text: "Move or remove its questions to remove it." }),
        ]),
      ]),
    );
  });
  fieldset.append(
    smallButton("Add a topic", "Add a topic", () => {
      const title = "New topic";
      let id = idFrom(title);
      for (let n = 2; topics.some((t) => t.id === id); n++) id = `${idFrom(title)}-${n}`;
      topics.push({ id, title });
      redraw(`manifest.topics[${topics.length - 1}].title`);
    }, "author-button add-button"),
  );
  return fieldset;
}
