// Wiring: registers the screens, connects Back, Home and the language button, and opens Home.
import * as nav from "./navigation.js";
import { setLanguage, t } from "./i18n.js";
import { initReferenceDialog } from "./reference.js";
import { renderHome } from "./views/home.js";
import { renderTopic } from "./views/topic.js";
import { renderAnswer } from "./views/answer.js";
import { showError } from "./status.js";

const DEFAULT_LANGUAGE = "en";

function afterShow() {
  document.getElementById("nav-back").disabled = !nav.canGoBack();
  const heading = document.querySelector("#view h1");
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
}

// The kiosk never leaves the app: links that would open elsewhere do nothing.
function blockOutsideNavigation() {
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (link && (link.target === "_blank" || new URL(link.href, location.href).origin !== location.origin)) {
      event.preventDefault();
    }
  });
  document.addEventListener("contextmenu", (event) => event.preventDefault());
}

async function start() {
  nav.init(document.getElementById("view"), afterShow);
  nav.register("home", renderHome);
  nav.register("topic", renderTopic);
  nav.register("answer", renderAnswer);
  initReferenceDialog();
  blockOutsideNavigation();

  document.getElementById("nav-back").addEventListener("click", () => nav.back());
  document.getElementById("nav-home").addEventListener("click", () => nav.home());
  document.getElementById("language-toggle").addEventListener("click", async () => {
    try {
      await setLanguage(t("language.switch.target"));
      // An answer has the same id in every language; lists and searches start over.
      if (nav.current().name === "answer") {
        await nav.refresh();
      } else {
        await nav.home();
      }
    } catch (error) {
      showError(error);
    }
  });

  try {
    await setLanguage(DEFAULT_LANGUAGE);
  } catch (error) {
    showError(error);
  }
  await nav.home();
  document.body.dataset.ready = "true";
}

start();
