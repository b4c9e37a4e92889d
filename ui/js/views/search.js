// Search results: a list of large question buttons, shared by Home's search-as-you-type.
import { el, button } from "../dom.js";
import { t } from "../i18n.js";
import * as nav from "../navigation.js";

/** Replaces `container`'s children with the hits for `query`. */
export function renderResults(container, hits, query) {
  const heading = el("h2", { class: "section-heading", text: t("search.results", { query: query.trim() }) });
  if (hits.length === 0) {
    container.replaceChildren(el("p", { class: "notice", text: t("search.none", { query: query.trim() }) }));
    return;
  }
  const list = el("ul", { class: "question-list" });
  for (const hit of hits) {
    const item = button("", () => nav.go("answer", { id: hit.id }), "question-button");
    item.dataset.question = hit.id;
    item.append(el("span", { class: "question-text", text: hit.question }), el("span", { class: "question-topic", text: hit.topic_title }));
    list.append(el("li", {}, [item]));
  }
  container.replaceChildren(heading, list);
}
