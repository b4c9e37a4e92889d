// Staff: the installed bundles (with who signed them) and rolling one back to its previous kept
// version.
import * as api from "../api.js";
import { el, button } from "../dom.js";
import { t, formatNumber } from "../i18n.js";
import { section, table, outcome, report } from "./common.js";

/** The "Installed content" section; `onChange` runs after a rollback. */
export async function installedSection(onChange) {
  const result = outcome("staff-content-outcome");
  const body = el("div");
  const node = section("staff-content", t("staff.content.heading"), [body, result]);
  const draw = async () => {
    const bundles = await api.staffBundles();
    body.replaceChildren(
      table(
        [t("staff.content.bundle"), t("staff.content.version"), t("staff.content.language"), t("staff.content.publisher"), t("staff.content.published"), t("staff.content.questions"), t("staff.content.signed"), t("staff.content.review"), ""],
        bundles.map((bundle) => [
          el("span", {}, [el("strong", { text: bundle.title }), el("br"), el("span", { class: "staff-id", text: bundle.id })]),
          String(bundle.version),
          bundle.language,
          bundle.publisher,
          bundle.published,
          formatNumber(bundle.questions),
          bundle.signer_key_id ? t("staff.sig.verified", { who: bundle.signer_comment || bundle.signer_key_id }) : t("staff.sig.unsigned"),
          bundle.reviewed_by ? bundle.reviewed_by : el("strong", { class: "staff-draft", text: t("staff.content.draft") }),
          bundle.earlier_versions.length === 0
            ? el("span", { class: "staff-note", text: t("staff.content.no_earlier") })
            : button(
            t("staff.content.rollback", { version: bundle.earlier_versions[0] }),
            async () => {
              try {
                const done = await api.staffRollbackBundle(bundle.id);
                report(result, t("staff.content.rolled_back", { id: done.outcome.id, from: done.outcome.previous_version, to: done.outcome.version }), true);
                await draw();
                await onChange();
              } catch (error) {
                report(result, error.message, false);
              }
            },
            "secondary-button staff-rollback",
          ),
        ]),
      ),
    );
  };
  await draw();
  node.refresh = draw;
  return node;
}
