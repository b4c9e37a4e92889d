// Wiring: registers the screens, connects Back, Home and the language button, and opens Home.
import * as nav from "./navigation.js";
import { setLanguage, t, appInfo, language } from "./i18n.js";
import { initReferenceDialog } from "./reference.js";
import { renderHome } from "./views/home.js";
import { renderTopic } from "./views/topic.js";
import { renderAnswer } from "./views/answer.js";
import { showError, showMessage } from "./status.js";
import { initReading, resetReading } from "./reading.js";
import { initIdle } from "./idle.js";
import { initLockdown } from "./lockdown.js";
import { stopReading } from "./read-aloud.js";
import { watchStaffGesture } from "./staff/gesture.js";
import { askForStaffPin } from "./staff/access.js";
import { renderStaff, isStaffShowing, afterScreenChange as staffScreenChanged } from "./staff/screen.js";
import { showAttract, isAttractShowing } from "./attract.js";
import { renderMyQuestions } from "./views/my-questions.js";
import { renderSheetPreview, printSheet } from "./sheet/preview.js";
import * as picked from "./picked.js";
import * as api from "./api.js";
import { sheetData } from "./sheet/data.js";
import { buildSheet } from "./sheet/layout.js";

/** The settings' default language, as app_info gives it (empty until known: the app then chooses). */
const defaultLanguage = () => appInfo()?.default_language ?? "";

function showCount() {
  document.getElementById("my-questions-button").textContent = t("my.button", { count: picked.count() });
}

function afterShow(entry) {
  staffScreenChanged(entry.name);
  stopReading();
  document.getElementById("nav-back").disabled = !nav.canGoBack();
  const heading = document.querySelector("#view h1");
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
}

async function start() {
  nav.init(document.getElementById("view"), afterShow);
  nav.register("home", renderHome);
  nav.register("topic", renderTopic);
  nav.register("answer", renderAnswer);
  nav.register("my-questions", renderMyQuestions);
  nav.register("sheet", renderSheetPreview);
  nav.register("staff", renderStaff);
  initReferenceDialog();
  initReading();
  initLockdown();
  watchStaffGesture(document.querySelector(".topbar"), askForStaffPin);

  document.getElementById("nav-back").addEventListener("click", () => nav.back());
  document.getElementById("nav-home").addEventListener("click", () => nav.home());
  document.getElementById("my-questions-button").addEventListener("click", () => nav.go("my-questions"));
  picked.subscribe(() => {
    showCount();
    if (nav.current()?.name === "my-questions") nav.refresh();
  });
  document.getElementById("language-toggle").addEventListener("click", async () => {
    try {
      await setLanguage(t("language.switch.target"));
      showCount();
      // Answers and picked questions carry over to the other language; lists and searches start over.
      if (["answer", "my-questions", "sheet"].includes(nav.current().name)) {
        await nav.refresh();
      } else {
        await nav.home();
      }
    } catch (error) {
      showError(error);
    }
  });

  let job = null;
  try {
    // Both at once: startup only says whether this is a sheet job, and one round trip less
    // brings the first tiles sooner (docs/performance.md, "Launch time").
    const [startup] = await Promise.all([api.startup(), setLanguage(defaultLanguage())]);
    job = startup.sheet;
    if (job && job.language !== language()) await setLanguage(job.language);
    if (!job && defaultLanguage() !== language()) await setLanguage(defaultLanguage());
  } catch (error) {
    showError(error);
  }
  showCount();
  if (job) {
    await printSheetJob(job);
    return;
  }
  await nav.home();
  markTilesPainted();
  // A page renewed at the idle reset (fresh-page, below) opens where the last one ended.
  if (new URLSearchParams(location.search).get("after") === "reset") {
    await showAttract(() => document.querySelector("#view h1")?.focus());
  }
  // The idle times are the settings' (app_info); without them there is nothing to time.
  const info = appInfo();
  if (info) {
    initIdle({
      idleSeconds: info.idle_seconds,
      warningSeconds: info.idle_warning_seconds,
      reset: resetForNextPatient,
      printPicked,
      isResting: () => isAttractShowing() || isStaffShowing(),
    });
  }
  document.body.dataset.ready = "true";
}

/**
 * Notes when Home's topic tiles were first on screen (wall-clock milliseconds, in
 * body[data-tiles-painted-at]): two animation frames after they entered the page, the first of
 * those frames has been drawn. The launch benchmark (scripts/launch-bench.sh) reads it.
 */
function markTilesPainted() {
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      document.body.dataset.tilesPaintedAt = String(Math.round(performance.timeOrigin + performance.now()));
    }),
  );
}

/**
 * Forgets everything about the last patient and shows the attract screen, then replaces the page
 * with a fresh one. WebKit ends a WebDriver session with its page's web process ("session deleted
 * because of page crash or hang"), so a page driven by WebDriver (the end-to-end tests) keeps its
 * page unless the driver asks (`options.renewUnderWebDriver`) and attaches again (the soak).
 */
async function resetForNextPatient(options = {}) {
  picked.clearAll();
  stopReading();
  for (const dialog of document.querySelectorAll("dialog")) {
    if (dialog.open) dialog.close();
    if (dialog.id !== "reference-dialog") dialog.remove();
  }
  document.getElementById("status").hidden = true;
  resetReading();
  try {
    await setLanguage(defaultLanguage());
  } catch (error) {
    showError(error);
  }
  showCount();
  await nav.home();
  // Home is already fresh underneath; a touch only lifts the attract screen.
  await showAttract(() => document.querySelector("#view h1")?.focus());
  if (navigator.webdriver !== true || options.renewUnderWebDriver === true) await renewPage();
}

/**
 * Asks the app for a fresh page in a fresh web process, which opens on the attract screen too:
 * WebKit's caches, grown over the last patient, go with the old process (docs/performance.md,
 * "Memory over time"). body[data-renewing] says this page is about to be replaced. If the app
 * cannot, this page, already reset, stays.
 */
async function renewPage() {
  document.body.dataset.renewing = "true";
  try {
    await api.renewPage();
  } catch (error) {
    console.warn("no fresh page for the next patient", error);
    delete document.body.dataset.renewing;
  }
}

/** Prints the picked questions from the "Are you still there?" dialog. */
async function printPicked() {
  try {
    await printSheet(await buildSheet(await sheetData(language())));
    showMessage(t("sheet.printed"));
  } catch (error) {
    console.error(error);
    showMessage(t("sheet.print_failed"));
  }
}

/** Command-line sheet: every "ask your doctor" item of the given answers, printed to a file. */
async function printSheetJob(job) {
  for (const id of job.questions) {
    const answer = await api.getQuestion(job.language, id);
    answer.ask_your_doctor.forEach((item, index) => picked.toggle(answer.id, index, item, answer.language));
  }
  const sheet = await buildSheet(await sheetData(job.language));
  await printSheet(sheet, api.writeSheetJob);
}

start();
