// Gathers what the sheet and the "My questions" screen show for the picked items in a language:
// each item's text (translated where the answer has a translation), the answers they came from
// (with their review status), the urgent signs of those answers (each sign once) and the
// disclaimers of those answers' bundles.
import * as api from "../api.js";
import * as picked from "../picked.js";

/**
 * @returns {Promise<{groups: {answerId: string|null, source: object|null, items: {key: string, text: string, own: boolean}[]}[], urgent: string[], disclaimers: string[]}>}
 */
export async function sheetData(language) {
  const answers = new Map();
  const answerIn = async (id) => {
    if (!answers.has(id)) {
      answers.set(id, api.getQuestion(language, id).catch(() => null));
    }
    return answers.get(id);
  };
  const groups = [];
  const disclaimers = [];
  const urgent = [];
  const seenSigns = new Set();
  for (const group of picked.grouped()) {
    const answer = group.answerId ? await answerIn(group.answerId) : null;
    if (answer && !disclaimers.includes(answer.bundle.disclaimer)) disclaimers.push(answer.bundle.disclaimer);
    for (const sign of answer?.urgent ?? []) {
      const key = sign.trim().toLocaleLowerCase();
      if (seenSigns.has(key)) continue;
      seenSigns.add(key);
      urgent.push(sign);
    }
    const items = group.items.map((item) => ({ key: item.key, own: item.own, text: textIn(item, language, answer) }));
    groups.push({
      answerId: group.answerId,
      source: answer && {
        question: answer.question,
        reviewed: answer.reviewed,
        reviewStatus: answer.review_status,
        reviewedBy: answer.reviewed_by ?? null,
        moreInfoUrl: answer.more_info_url ?? null,
      },
      items,
    });
  }
  return { groups, urgent, disclaimers };
}

function textIn(item, language, answer) {
  if (item.own) return item.texts.any;
  if (item.texts[language]) return item.texts[language];
  const translated = answer?.ask_your_doctor?.[item.index];
  if (translated) {
    picked.rememberText(item.key, language, translated);
    return translated;
  }
  return Object.values(item.texts)[0];
}
