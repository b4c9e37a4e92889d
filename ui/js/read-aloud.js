// "Read aloud": the answer spoken by the webview's own speech synthesis, for patients who find
// reading hard. The button only appears when a voice for the answer's language exists.
import { el } from "./dom.js";
import { t } from "./i18n.js";

const VOICE_WAIT_MS = 1500;

/** The voices the webview offers; some engines announce them a moment after the page loads. */
function voices() {
  const synth = window.speechSynthesis;
  if (!synth) return Promise.resolve([]);
  const now = synth.getVoices();
  if (now.length > 0) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = () => resolve(synth.getVoices());
    synth.addEventListener("voiceschanged", done, { once: true });
    setTimeout(done, VOICE_WAIT_MS);
  });
}

/** The best voice for a language tag such as "es" or "en-US", or null. */
export async function voiceFor(language) {
  const primary = language.toLowerCase().split("-")[0];
  const matching = (await voices()).filter((voice) => voice.lang.toLowerCase().replace("_", "-").split("-")[0] === primary);
  return matching.find((voice) => voice.localService) ?? matching[0] ?? null;
}

/** Stops any reading (on every screen change and at the reset). */
export function stopReading() {
  window.speechSynthesis?.cancel();
}

/**
 * A "Read aloud" / "Stop reading" toggle for `text()` in `language`. It starts hidden and shows
 * itself once a voice for the language is found.
 */
export function readAloudButton(language, text) {
  const button = el("button", { class: "secondary-button read-aloud", attrs: { type: "button", "aria-pressed": "false" }, text: t("read.start") });
  button.hidden = true;
  let voice = null;
  let reading = false;
  const setReading = (on) => {
    reading = on;
    button.setAttribute("aria-pressed", String(on));
    button.textContent = on ? t("read.stop") : t("read.start");
  };
  button.addEventListener("click", () => {
    const synth = window.speechSynthesis;
    if (!synth || !voice) return;
    if (reading) {
      synth.cancel();
      setReading(false);
      return;
    }
    const utterance = new SpeechSynthesisUtterance(text());
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = 0.9;
    utterance.addEventListener("end", () => setReading(false));
    utterance.addEventListener("error", () => setReading(false));
    synth.speak(utterance);
    setReading(true);
  });
  voiceFor(language).then((found) => {
    voice = found;
    button.hidden = !found;
  });
  return button;
}
