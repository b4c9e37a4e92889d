// The sheet as it will print, and the Print button. Printing goes straight to the kiosk's printer
// (no dialog); if it cannot, the screen says so in plain words and the list stays as it is.
import * as api from "../api.js";
import { el, button } from "../dom.js";
import { t, language } from "../i18n.js";
import { sheetData } from "./data.js";
import { buildSheet } from "./layout.js";

export async function renderSheetPreview(container) {
  container.append(el("h1", { class: "screen-heading", text: t("sheet.preview") }));
  const sheet = await buildSheet(await sheetData(language()));
  const message = el("p", { class: "print-message", attrs: { role: "status", id: "print-message" } });
  const print = button(t("sheet.print"), async () => {
    print.disabled = true;
    message.className = "print-message";
    message.textContent = t("sheet.printing");
    try {
      await printSheet(sheet);
      message.className = "print-message print-ok";
      message.textContent = t("sheet.printed");
    } catch (error) {
      console.error(error);
      message.className = "print-message print-failed";
      message.textContent = t("sheet.print_failed");
    } finally {
      print.disabled = false;
    }
  }, "primary-button print-button");
  container.append(el("div", { class: "screen-actions" }, [print]), message, el("div", { class: "sheet-paper" }, [sheet]));
}

/**
 * Puts a copy of the sheet where the print styles show it, and prints the page: to the kiosk's
 * printer, or with `api.writeSheetJob` to the command-line sheet job's PDF file.
 */
export async function printSheet(sheet, print = api.printSheet) {
  const root = document.getElementById("print-root");
  root.replaceChildren(sheet.cloneNode(true));
  try {
    await print();
  } finally {
    root.replaceChildren();
  }
}
