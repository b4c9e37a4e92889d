// Search results: a list of large question buttons, shared by Home's search-as-you-type.
import { el, button } from "../dom.js";
import { t } from "../i18n.js";
import * as nav from "../navigation.js";

/**
 * Replaces `container`'s children with the results for `query`: `{ hits, showing_results_for }`,
 * the latter set when a misspelled word was corrected (the heading then names the words searched).
 */
export function renderResults(container, results, query) {
  const hits = results.hits;
  const corrected = results.showing_results_for;
  const title = corrected ? t("search.corrected", { query: corrected }) : t("search.results", { query: query.trim() });
  const heading = el("h2", { class: "section-heading", text: title });
  if (corrected) heading.dataset.corrected = corrected;
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
