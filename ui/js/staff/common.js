// Small building blocks shared by the staff screen's sections.
import { el } from "../dom.js";
import { t } from "../i18n.js";

/** A titled section with an id tests and staff can find. */
export function section(id, title, children = []) {
  return el("section", { class: "staff-section", attrs: { id, "aria-labelledby": `${id}-title` } }, [
    el("h2", { class: "section-heading", text: title, attrs: { id: `${id}-title` } }),
    ...children,
  ]);
}

/** A table with a header row; `rows` are arrays of cell contents (text or nodes). */
export function table(headers, rows, className = "staff-table") {
  return el("table", { class: className }, [
    el("thead", {}, [el("tr", {}, headers.map((h) => el("th", { text: h, attrs: { scope: "col" } })))]),
    el(
      "tbody",
      {},
      rows.map((cells) => el("tr", {}, cells.map((cell) => el("td", {}, [cell ?? "—"])))),
    ),
  ]);
}

/** A line that reports the outcome of a staff action in plain words. */
export function outcome(id) {
  return el("p", { class: "staff-outcome", attrs: { id, role: "status" } });
}

/** Shows `message` in an outcome line, styled as success or problem. */
export function report(node, message, ok) {
  node.textContent = message;
  node.classList.toggle("staff-ok", ok);
  node.classList.toggle("staff-problem", !ok);
}

/** "Signed by …" / "Unsigned" for an installed bundle or a preview's signature status. */
export function signatureText(signature) {
  if (!signature) return t("staff.sig.unknown");
  if (signature.status === "verified") return t("staff.sig.verified", { who: signature.trusted_comment || signature.key_id });
  if (signature.status === "unchecked") return t("staff.sig.unchecked", { key: signature.key_id });
  return t("staff.sig.unsigned");
}

/** A date-time from the store (RFC 3339) in the current language, or the text as it is. */
export function when(text, language) {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return text ?? "";
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" }).format(date);
}
