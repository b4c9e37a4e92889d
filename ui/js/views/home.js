// Home: the search box and the topics as large tiles. While the patient types, matching
// questions replace the tiles.
import * as api from "../api.js";
import { el, button } from "../dom.js";
import { t, language, formatNumber } from "../i18n.js";
import * as nav from "../navigation.js";
import { showError } from "../status.js";

const SEARCH_MAX = 100;

const SEARCH_DELAY_MS = 150;

export async function renderHome(container, params) {
  const heading = el("h1", { class: "screen-heading", text: t("home.heading") });
  const input = el("input", {
    class: "search-input",
    attrs: {
      id: "search-input",
      type: "search",
      autocomplete: "off",
      spellcheck: "false",
      placeholder: t("search.placeholder"),
    },
  });
  const label = el("label", { class: "search-label", text: t("search.label"), attrs: { for: "search-input" } });
  const results = el("section", { class: "search-results", attrs: { "aria-live": "polite", id: "search-results" } });
  const topics = el("section", { class: "topics", attrs: { "aria-labelledby": "topics-heading" } });
  const keyboard = button(t("search.keyboard"), async () => {
    // Loaded when first needed, so Home's first paint waits for fewer modules.
    const { openKeyboard } = await import("../keyboard.js");
    const text = await openKeyboard({ title: t("search.label"), maxLength: SEARCH_MAX, initial: input.value });
    if (text !== null) {
      input.value = text;
      await runSearch(text);
    }
  }, "secondary-button keyboard-button");
  const row = el("div", { class: "search-row" }, [input, keyboard]);
  container.append(heading, el("div", { class: "search-box" }, [label, row]), results, topics);

  let timer = 0;
  let latest = 0;
  const runSearch = async (query) => {
    nav.current().params.query = query;
    const mine = ++latest;
    if (!query.trim()) {
      results.replaceChildren();
      topics.hidden = false;
      return;
    }
    try {
      const [found, { renderResults }] = await Promise.all([api.search(language(), query), import("./search.js")]);
      if (mine !== latest) return;
      renderResults(results, found, query);
      topics.hidden = true;
    } catch (error) {
      showError(error);
    }
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => runSearch(input.value), SEARCH_DELAY_MS);
  });

  try {
    // The topics `startup` brought are used once; Home drawn again later asks for them anew.
    const list = params.topics ?? (await api.listTopics(language()));
    delete params.topics;
    topics.append(el("h2", { class: "section-heading", text: t("home.topics"), attrs: { id: "topics-heading" } }));
    if (list.length === 0) {
      topics.append(el("p", { class: "notice", text: t("home.empty") }));
    }
    const grid = el("div", { class: "tile-grid" });
    for (const topic of list) {
      grid.append(topicTile(topic, () => nav.go("topic", { bundleId: topic.bundle_id, topic: topic.id, title: topic.title })));
    }
    topics.append(grid);
  } catch (error) {
    showError(error);
  }

  if (params.query) {
    input.value = params.query;
    await runSearch(params.query);
  }
}

/**
 * A topic's tile: its title and how many questions it has. Home and the content editor's preview
 * of a bundle's topics (`author/preview.js`) both draw it.
 */
export function topicTile(topic, onPress) {
  const tile = button("", onPress, "tile");
  tile.dataset.topic = topic.id;
  tile.append(
    el("span", { class: "tile-title", text: topic.title }),
    el("span", { class: "tile-count", text: t("topic.count", { count: formatNumber(topic.questions) }) }),
  );
  return tile;
}
