// The attract screen shown after a reset: large, gently rotating cards with sample questions that
// invite the next patient in. A touch anywhere opens Home.
import * as api from "./api.js";
import { el } from "./dom.js";
import { t, language } from "./i18n.js";

const ROTATE_MS = 6000;
const SAMPLES_PER_TOPIC = 2;

let timer = 0;

/** Shows the attract screen over everything; `onStart` runs when it is touched. */
export async function showAttract(onStart) {
  hideAttract();
  const samples = await sampleQuestions();
  const card = el("p", { class: "attract-card" });
  const startButton = el("button", { class: "attract-start", text: t("attract.start"), attrs: { type: "button" } });
  // A modal dialog: the screen underneath is inert until the next patient touches.
  const overlay = el("dialog", { class: "attract", attrs: { id: "attract", "aria-labelledby": "attract-title" } }, [
    el("h1", { class: "attract-title", text: t("attract.title"), attrs: { id: "attract-title" } }),
    card,
    startButton,
  ]);
  let index = 0;
  const next = () => {
    card.classList.remove("attract-card-in");
    card.textContent = samples.length ? samples[index % samples.length] : "";
    void card.offsetWidth; // restart the fade-in animation
    card.classList.add("attract-card-in");
    index += 1;
  };
  next();
  timer = setInterval(next, ROTATE_MS);
  const start = (event) => {
    event.preventDefault();
    hideAttract();
    onStart();
  };
  overlay.addEventListener("click", start);
  overlay.addEventListener("cancel", start);
  document.body.append(overlay);
  overlay.showModal();
  startButton.focus();
}

/** Whether the attract screen is showing. */
export function isAttractShowing() {
  return document.getElementById("attract") !== null;
}

/** Removes the attract screen. */
export function hideAttract() {
  clearInterval(timer);
  const overlay = document.getElementById("attract");
  if (overlay?.open) overlay.close();
  overlay?.remove();
}

async function sampleQuestions() {
  try {
    const topics = await api.listTopics(language());
    const pages = await Promise.all(
      topics.map((topic) => api.listQuestions(language(), topic.bundle_id, topic.id, 0, SAMPLES_PER_TOPIC)),
    );
    return pages.flatMap((page) => page.items.map((item) => item.question));
  } catch {
    return [];
  }
}
