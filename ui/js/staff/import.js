// Staff: import a bundle from a USB stick or the import folder. Staff pick a bundle from the list,
// see what it would change (questions added, changed, removed), its signature and any warnings,
// and only then confirm.
import * as api from "../api.js";
import { el, button } from "../dom.js";
import { t } from "../i18n.js";
import { section, outcome, report, signatureText } from "./common.js";

const LIST_LIMIT = 15;

/** The "Import new content" section; `onImported` runs after a successful import. */
export async function importSection(onImported) {
  const list = el("div", { class: "staff-found" });
  const preview = el("div", { class: "staff-preview", attrs: { id: "staff-preview" } });
  const result = outcome("staff-import-outcome");
  const scan = async () => {
    preview.replaceChildren();
    const found = await api.staffFindBundles();
    if (found.length === 0) {
      list.replaceChildren(el("p", { class: "staff-note", text: t("staff.import.none") }));
      return;
    }
    list.replaceChildren(
      el(
        "ul",
        { class: "staff-found-list" },
        found.map((item) =>
          el("li", { class: "staff-found-item" }, [
            el("span", { class: "staff-path", text: item.path }),
            button(t("staff.import.check"), () => showPreview(item.path), "secondary-button staff-check"),
          ]),
        ),
      ),
    );
  };
  const showPreview = async (path) => {
    report(result, "", true);
    preview.replaceChildren(el("p", { text: t("loading") }));
    let p;
    try {
      p = await api.staffPreviewImport(path);
    } catch (error) {
      preview.replaceChildren();
      report(result, error.message, false);
      return;
    }
    const parts = [];
    if (p.bundle) {
      parts.push(
        el("h3", { text: t("staff.import.offer", { title: p.bundle.title, version: p.bundle.version, language: p.bundle.language }) }),
        el("p", {
          text: p.installed_version ? t("staff.import.installed", { version: p.installed_version }) : t("staff.import.new_bundle"),
        }),
        p.bundle.reviewed_by
          ? el("p", { class: "staff-review", text: t("staff.import.reviewed", { who: p.bundle.reviewed_by }) })
          : el("p", { class: "staff-problem staff-draft", text: t("staff.import.draft") }),
      );
    }
    parts.push(el("p", { class: "staff-signature", text: signatureText(p.signature) }));
    for (const [key, items] of [["added", p.added], ["changed", p.changed], ["removed", p.removed]]) {
      parts.push(changeList(key, items));
    }
    if (p.errors.length > 0) {
      parts.push(
        el("p", { class: "staff-problem", text: t("staff.import.errors", { count: p.errors.length }) }),
        el("ul", { class: "staff-errors" }, p.errors.slice(0, LIST_LIMIT).map((e) => el("li", { text: `${e.file}: ${e.field}: ${e.message}` }))),
      );
    }
    if (p.warnings.length > 0) {
      parts.push(
        el("p", { text: t("staff.import.warnings", { count: p.warnings.length }) }),
        el("ul", { class: "staff-warnings" }, p.warnings.slice(0, LIST_LIMIT).map((w) => el("li", { text: w }))),
      );
    }
    if (p.refusal) parts.push(el("p", { class: "staff-problem", text: p.refusal }));
    const importable = p.bundle && p.errors.length === 0 && !p.refusal;
    if (importable) {
      parts.push(
        el("div", { class: "staff-actions" }, [
          button(
            t("staff.import.confirm"),
            async () => {
              try {
                const done = await api.staffImportBundle(path, p.digest);
                preview.replaceChildren();
                report(result, t("staff.import.done", { id: done.outcome.id, version: done.outcome.version, count: done.outcome.questions }), true);
                await onImported();
              } catch (error) {
                report(result, error.message, false);
              }
            },
            "primary-button staff-import",
          ),
          button(t("keyboard.cancel"), () => preview.replaceChildren(), "secondary-button"),
        ]),
      );
    }
    preview.replaceChildren(...parts);
  };
  const node = section("staff-import", t("staff.import.heading"), [
    el("p", { class: "staff-note", text: t("staff.import.where") }),
    button(t("staff.import.rescan"), () => scan(), "secondary-button staff-rescan"),
    list,
    preview,
    result,
  ]);
  await scan();
  return node;
}

function changeList(kind, items) {
  const label = t(`staff.import.${kind}`, { count: items.length });
  if (items.length === 0) return el("p", { class: `staff-change staff-${kind}`, text: label });
  const shown = items.slice(0, LIST_LIMIT).map((item) => el("li", { text: item.question }));
  if (items.length > LIST_LIMIT) shown.push(el("li", { text: t("staff.import.more", { count: items.length - LIST_LIMIT }) }));
  return el("details", { class: `staff-change staff-${kind}` }, [el("summary", { text: label }), el("ul", {}, shown)]);
}
