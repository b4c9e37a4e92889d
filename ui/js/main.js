// Wiring: registers the screens, connects Back, Home and the language button, and opens Home.
// Only what Home's first paint needs is imported here; the other screens, the staff screen, the
// sheet, the idle watch and the attract screen load when first needed (dynamic import), so the
// kiosk draws its first tiles sooner (docs/performance.md, "Launch time").
import * as nav from "./navigation.js";
import { setLanguage, applyInfo, t, appInfo, language } from "./i18n.js";
import { renderHome } from "./views/home.js";
import { showError, showMessage } from "./status.js";
import { initLockdown } from "./lockdown.js";
import * as picked from "./picked.js";
import * as api from "./api.js";
import { firstStartup } from "./early-startup.js";

/** The staff screen's module, once the staff screen has been opened. */
let staff = null;

/**
 * Modules Home's first paint does not need (the reference dialog, the reading options, reading
 * aloud, the staff gesture), loaded right after it: fewer requests before the tiles appear.
 */
let readAloud = null;
let reading = null;

/** A screen whose module loads when it is first opened. */
const later = (load, name) => async (container, params) => (await load())[name](container, params);

/** The sheet's modules: its data, its layout and its printing. */
async function sheetModules() {
  const [data, layout, preview] = await Promise.all([
    import("./sheet/data.js"),
    import("./sheet/layout.js"),
    import("./sheet/preview.js"),
  ]);
  return { sheetData: data.sheetData, buildSheet: layout.buildSheet, printSheet: preview.printSheet };
}

/** The settings' default language, as app_info gives it (empty until known: the app then chooses). */
const defaultLanguage = () => appInfo()?.default_language ?? "";

function showCount() {
  document.getElementById("my-questions-button").textContent = t("my.button", { count: picked.count() });
}

function afterShow(entry) {
  staff?.afterScreenChange(entry.name);
  readAloud?.stopReading();
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
  nav.register("topic", later(() => import("./views/topic.js"), "renderTopic"));
  nav.register("answer", later(() => import("./views/answer.js"), "renderAnswer"));
  nav.register("my-questions", later(() => import("./views/my-questions.js"), "renderMyQuestions"));
  nav.register("sheet", later(() => import("./sheet/preview.js"), "renderSheetPreview"));
  nav.register("staff", async (container, params) => {
    staff = await import("./staff/screen.js");
    return staff.renderStaff(container, params);
  });
  initLockdown();

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
  let topics;
  try {
    // One round trip brings all Home needs: strings and settings in the default language and its
    // topics (docs/performance.md, "Launch time").
    const startup = await firstStartup();
    applyInfo(startup.info);
    job = startup.sheet;
    topics = startup.topics;
    if (job && job.language !== language()) await setLanguage(job.language);
  } catch (error) {
    showError(error);
    // Without Home's topics (say, the content could not be read), still the strings and settings.
    if (!appInfo()) await setLanguage("").catch(() => {});
  }
  showCount();
  if (job) {
    await printSheetJob(job);
    return;
  }
  try {
    await nav.home({ topics });
  } catch (error) {
    // Whatever Home could not draw, the staff gesture and the idle reset below are still set up.
    showError(error);
  }
  // What Home could do without loads once its tiles are on screen, not while they are drawn; at
  // most a second later all the same, as a hidden page draws no frames and the idle reset must run.
  await Promise.race([markTilesPainted(), new Promise((later) => setTimeout(later, 1000))]);
  await initAfterFirstPaint().catch(showError);
  const [{ initIdle }, attract] = await Promise.all([import("./idle.js"), import("./attract.js")]);
  // A page renewed at the idle reset (renewPage, below) opens where the last one ended.
  if (new URLSearchParams(location.search).get("after") === "reset") {
    await attract.showAttract(() => document.querySelector("#view h1")?.focus());
  }
  // The idle times are the settings' (app_info); without them there is nothing to time.
  const info = appInfo();
  if (info) {
    initIdle({
      idleSeconds: info.idle_seconds,
      warningSeconds: info.idle_warning_seconds,
      reset: (options) => resetForNextPatient(attract, options),
      printPicked,
      isResting: () => attract.isAttractShowing() || staff?.isStaffShowing() === true,
    });
  }
  document.body.dataset.ready = "true";
}

/** Loads and starts what Home's first paint could do without. */
async function initAfterFirstPaint() {
  const [reference, readingModule, readAloudModule, gesture] = await Promise.all([
    import("./reference.js"),
    import("./reading.js"),
    import("./read-aloud.js"),
    import("./staff/gesture.js"),
  ]);
  reference.initReferenceDialog();
  reading = readingModule;
  reading.initReading();
  readAloud = readAloudModule;
  gesture.watchStaffGesture(document.querySelector(".topbar"), async () => {
    try {
      const { askForStaffPin } = await import("./staff/access.js");
      await askForStaffPin();
    } catch (error) {
      showError(error);
    }
  });
}

/**
 * Notes when Home's topic tiles were first on screen (wall-clock milliseconds, in
 * body[data-tiles-painted-at]): two animation frames after they entered the page, the first of
 * those frames has been drawn. The launch benchmark (scripts/launch-bench.sh) reads it.
 */
function markTilesPainted() {
  return new Promise((painted) =>
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        document.body.dataset.tilesPaintedAt = String(Math.round(performance.timeOrigin + performance.now()));
        painted();
      }),
    ),
  );
}

/**
 * Forgets everything about the last patient and shows the attract screen, then replaces the page
 * with a fresh one. WebKit ends a WebDriver session with its page's web process ("session deleted
 * because of page crash or hang"), so a page driven by WebDriver (the end-to-end tests) keeps its
 * page unless the driver asks (`options.renewUnderWebDriver`) and attaches again (the soak).
 */
async function resetForNextPatient(attract, options = {}) {
  picked.clearAll();
  readAloud?.stopReading();
  for (const dialog of document.querySelectorAll("dialog")) {
    if (dialog.open) dialog.close();
    if (dialog.id !== "reference-dialog") dialog.remove();
  }
  document.getElementById("status").hidden = true;
  reading?.resetReading();
  try {
    await setLanguage(defaultLanguage());
  } catch (error) {
    showError(error);
  }
  showCount();
  await nav.home();
  // Home is already fresh underneath; a touch only lifts the attract screen.
  await attract.showAttract(() => document.querySelector("#view h1")?.focus());
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
    const { sheetData, buildSheet, printSheet } = await sheetModules();
    await printSheet(await buildSheet(await sheetData(language())));
    showMessage(t("sheet.printed"));
  } catch (error) {
    console.error(error);
    showMessage(t("sheet.print_failed"));
  }
}

/** Command-line sheet: every "ask your doctor" item of the given answers, printed to a file. */
async function printSheetJob(job) {
  const { sheetData, buildSheet, printSheet } = await sheetModules();
  for (const id of job.questions) {
    const answer = await api.getQuestion(job.language, id);
    answer.ask_your_doctor.forEach((item, index) => picked.toggle(answer.id, index, item, answer.language));
  }
  const sheet = await buildSheet(await sheetData(job.language));
  await printSheet(sheet, api.writeSheetJob);
}

start();
