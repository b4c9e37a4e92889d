// Interface text. Strings come from ui/i18n/<lang>.json, delivered by the app (the CSP allows no
// fetch); content text comes from the bundle of the same language.
import * as api from "./api.js";

let strings = {};
let current = "en";
let clinic = null;
let lastInfo = null;

/** Loads the strings for a language and applies them to static markup. */
export async function setLanguage(language) {
  return applyInfo(await api.appInfo(language));
}

/** Applies what `app_info` (or `startup`, which carries it) gave: strings, language, settings. */
export function applyInfo(info) {
  strings = info.strings ?? {};
  current = info.language;
  clinic = info.clinic_name ?? null;
  lastInfo = info;
  document.documentElement.lang = current;
  for (const node of document.querySelectorAll("[data-i18n]")) {
    node.textContent = t(node.dataset.i18n);
  }
  for (const node of document.querySelectorAll("[data-i18n-label]")) {
    node.setAttribute("aria-label", t(node.dataset.i18nLabel));
  }
  return current;
}

/**
 * Uses strings the caller already has (the content editor gets them with its own command), for
 * a page without the kiosk's `app_info`. Static markup is left alone.
 */
export function useStrings(languageTag, table) {
  strings = table ?? {};
  current = languageTag;
}

/** The app facts and settings that came with the strings (idle times, clinic name). */
export function appInfo() {
  return lastInfo;
}

/** The clinic's name from the settings, if set. */
export function clinicName() {
  return clinic;
}

/** The current language tag. */
export function language() {
  return current;
}

/**
 * The string for a key, with `{name}` placeholders filled from `values`. When `values.count` is 1
 * and a `<key>.one` string exists, that one is used ("1 question", not "1 questions").
 */
export function t(key, values = {}) {
  const singular = Number(values.count) === 1 ? strings[`${key}.one`] : undefined;
  const template = singular ?? strings[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}

/** A YYYY-MM-DD date written the way the current language writes dates. */
export function formatDate(isoDate) {
  const [year, month, day] = isoDate.split("-").map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return new Intl.DateTimeFormat(current, { dateStyle: "long", timeZone: "UTC" }).format(date);
}

/** The languages of the interface (ui/i18n/): all write whole numbers below 1,000 as plain digits. */
const PLAIN_DIGITS_BELOW_1000 = new Set(["en", "es"]);

/** The `Intl.NumberFormat` of the language it was made for, made at its first use. */
let numberFormat = null;

/**
 * A number written the way the current language writes numbers. Small whole numbers (a topic's
 * count of questions) need no `Intl`: its first use loads number data, ~10 ms that Home's first
 * tiles waited for (docs/performance.md, "Launch time").
 */
export function formatNumber(value) {
  if (Number.isInteger(value) && value >= 0 && value < 1000 && PLAIN_DIGITS_BELOW_1000.has(current)) {
    return String(value);
  }
  if (numberFormat?.language !== current) {
    numberFormat = { language: current, intl: new Intl.NumberFormat(current) };
  }
  return numberFormat.intl.format(value);
}
