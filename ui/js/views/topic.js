// Topic: its questions as large buttons, a page at a time so a topic of thousands stays quick.
import * as api from "../api.js";
import { el, button } from "../dom.js";
import { t, language, formatNumber } from "../i18n.js";
import * as nav from "../navigation.js";
import { showError } from "../status.js";

const PAGE_SIZE = 50;

export async function renderTopic(container, params) {
  container.append(el("h1", { class: "screen-heading", text: params.title }));
  const list = el("ul", { class: "question-list" });
  const progress = el("p", { class: "list-progress" });
  const more = button(t("topic.more"), () => loadPage(), "secondary-button more-button");
  container.append(list, progress, more);

  let loaded = 0;
  async function loadPage() {
    more.disabled = true;
    try {
      const page = await api.listQuestions(language(), params.bundleId, params.topic, loaded, PAGE_SIZE);
      for (const entry of page.items) {
        const item = button(entry.question, () => nav.go("answer", { id: entry.id }), "question-button");
        item.dataset.question = entry.id;
        list.append(el("li", {}, [item]));
      }
      loaded += page.items.length;
      more.hidden = loaded >= page.total;
      progress.hidden = page.total <= PAGE_SIZE;
      progress.textContent = t("topic.shown", { shown: formatNumber(loaded), total: formatNumber(page.total) });
    } catch (error) {
      showError(error);
    } finally {
      more.disabled = false;
    }
  }
  await loadPage();
}
