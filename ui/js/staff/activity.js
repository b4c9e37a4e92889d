// Staff: what happened to the content (shared updates and the audit log) and how the kiosk is
// used (anonymous counts only, with a CSV saved to a USB stick).
import * as api from "../api.js";
import { el, button } from "../dom.js";
import { t, language, formatNumber } from "../i18n.js";
import { section, table, outcome, report, when } from "./common.js";

const AUDIT_ROWS = 20;
const USAGE_DAYS = 14;

/** Shared updates: the source, how often, and the last check's outcome. */
export async function updatesSection() {
  const status = await api.staffUpdateStatus();
  const lines = [];
  if (!status.source) {
    lines.push(el("p", { class: "staff-note", text: t("staff.updates.none") }));
  } else {
    lines.push(el("p", { text: t("staff.updates.source", { source: status.source, minutes: status.interval_minutes }) }));
    const last = status.last_check;
    lines.push(
      el("p", {
        class: last && !last.ok ? "staff-problem" : "",
        text: last ? t(last.ok ? "staff.updates.last_ok" : "staff.updates.last_failed", { when: when(last.at, language()), message: last.message }) : t("staff.updates.never"),
      }),
    );
  }
  return section("staff-updates", t("staff.updates.heading"), lines);
}

/** The audit log: imports, rollbacks, refused updates and recoveries, newest first. */
export async function auditSection() {
  const body = el("div");
  const node = section("staff-audit", t("staff.audit.heading"), [body]);
  const draw = async () => {
    const entries = await api.staffAuditLog(AUDIT_ROWS);
    if (entries.length === 0) {
      body.replaceChildren(el("p", { class: "staff-note", text: t("staff.audit.empty") }));
      return;
    }
    body.replaceChildren(
      table(
        [t("staff.audit.when"), t("staff.audit.who"), t("staff.audit.what"), t("staff.audit.bundle"), t("staff.audit.versions"), t("staff.audit.result")],
        entries.map((e) => [
          when(e.at, language()),
          t(`staff.audit.source.${e.source}`),
          t(`staff.audit.action.${e.action}`),
          e.bundle,
          `${e.from_version ?? "—"} → ${e.to_version ?? "—"}`,
          el("span", { class: e.result === "ok" ? "" : "staff-problem", text: e.detail ? `${t(`staff.audit.result.${e.result}`)}: ${e.detail}` : t(`staff.audit.result.${e.result}`) }),
        ]),
      ),
    );
  };
  await draw();
  node.refresh = draw;
  return node;
}

/** Usage: answers opened and sheets printed per day; counts only, nothing about a person. */
export async function usageSection() {
  const usage = await api.staffUsage();
  const result = outcome("staff-usage-outcome");
  const days = [...new Set([...usage.question_opens.map((u) => u.day), ...usage.sheet_prints.map((u) => u.day)])].sort().reverse().slice(0, USAGE_DAYS);
  const opened = (day) => usage.question_opens.filter((u) => u.day === day).reduce((sum, u) => sum + u.count, 0);
  const printed = (day) => usage.sheet_prints.filter((u) => u.day === day).reduce((sum, u) => sum + u.count, 0);
  const totals = new Map();
  for (const u of usage.question_opens) totals.set(u.question_id, (totals.get(u.question_id) ?? 0) + u.count);
  const top = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
  return section("staff-usage", t("staff.usage.heading"), [
    el("p", { class: "staff-note", text: t("staff.usage.privacy") }),
    days.length === 0
      ? el("p", { class: "staff-note", text: t("staff.usage.empty") })
      : table([t("staff.usage.day"), t("staff.usage.opened"), t("staff.usage.printed")], days.map((day) => [day, formatNumber(opened(day)), formatNumber(printed(day))])),
    top.length ? el("p", { text: t("staff.usage.top", { list: top.map(([id, n]) => `${id} (${formatNumber(n)})`).join(", ") }) }) : null,
    button(
      t("staff.usage.save"),
      async () => {
        try {
          report(result, t("staff.usage.saved", { path: await api.staffSaveUsageCsv() }), true);
        } catch (error) {
          report(result, error.message, false);
        }
      },
      "secondary-button staff-save-csv",
    ),
    result,
  ]);
}
