// The dialog that shows one reference when a citation marker is tapped. References are shown as
// text only: the kiosk never opens outside addresses.
import { t } from "./i18n.js";

const dialog = () => document.getElementById("reference-dialog");

/** Describes a reference's identifiers (DOI, PubMed, web page) as text. */
export function referenceIds(reference) {
  const ids = [];
  if (reference.doi) ids.push(t("reference.doi", { id: reference.doi }));
  if (reference.pmid) ids.push(t("reference.pmid", { id: reference.pmid }));
  if (reference.url) ids.push(t("reference.web", { id: reference.url }));
  return ids.join(" · ");
}

/** Opens the dialog for a reference. */
export function showReference(reference) {
  document.getElementById("reference-dialog-title").textContent = t("reference.title", { n: reference.n });
  document.getElementById("reference-dialog-text").textContent = reference.text;
  document.getElementById("reference-dialog-ids").textContent = referenceIds(reference);
  dialog().showModal();
  document.getElementById("reference-dialog-close").focus();
}

/** Wires the close button and a tap outside the dialog. */
export function initReferenceDialog() {
  document.getElementById("reference-dialog-close").addEventListener("click", () => dialog().close());
  dialog().addEventListener("click", (event) => {
    if (event.target === dialog()) dialog().close();
  });
}
