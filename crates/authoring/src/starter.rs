//! `bundle new`: a starter bundle that passes the check as it is, so a writer starts from
//! something that works and changes one thing at a time. It has one topic and one example
//! question with a citation, in Spanish for a Spanish bundle and in English otherwise. The example
//! reference says plainly that it must be replaced: a starter never invents a source.

use std::path::{Path, PathBuf};

use kiosk_core::bundle::{Question, Reference, Section, Topic};
use serde::Serialize;

use crate::atomic::write_new_folder;
use crate::draft::{today, BundleDraft, ManifestDraft};
use crate::{Error, Result};

/// What a person chooses for a new bundle; everything else gets a sensible start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct NewBundle {
    /// Bundle id: lowercase letters, digits and dashes, e.g. `riverside-en`.
    pub id: String,
    /// BCP 47 language tag, e.g. `en` or `es`.
    pub language: String,
    /// The bundle's title.
    pub title: String,
    /// Who publishes it, e.g. the clinic's name.
    pub publisher: String,
}

/// Writes a valid starter bundle into `dir`, which must not exist or be an empty folder. The
/// choices are checked by the engine first: a bad id or language is refused with the same message
/// `bundle validate` would give, and nothing is written.
pub fn new_bundle(dir: &Path, choices: NewBundle) -> Result<PathBuf> {
    crate::atomic::check_free(dir)?;
    let draft = starter(&choices);
    let validation = draft.validate()?;
    if !validation.report.errors.is_empty() {
        return Err(Error::Core(kiosk_core::Error::InvalidBundle(validation.report.errors)));
    }
    write_new_folder(dir, &draft.to_files()?)?;
    Ok(dir.to_path_buf())
}

/// The starter content for `choices`.
pub fn starter(choices: &NewBundle) -> BundleDraft {
    let text = if choices.language.to_ascii_lowercase().starts_with("es") {
        &SPANISH
    } else {
        &ENGLISH
    };
    let date = today();
    BundleDraft {
        manifest: ManifestDraft {
            id: choices.id.trim().to_string(),
            version: 1,
            title: choices.title.trim().to_string(),
            publisher: choices.publisher.trim().to_string(),
            language: choices.language.trim().to_string(),
            published: date.clone(),
            disclaimer: text.disclaimer.to_string(),
            reviewed_by: None,
            topics: vec![Topic {
                id: "general".into(),
                title: text.topic.into(),
                questions: Vec::new(),
            }],
        },
        questions: vec![Question {
            id: format!("{}-example", choices.id.trim()),
            topic: "general".into(),
            question: text.question.into(),
            summary: text.summary.into(),
            sections: vec![Section {
                heading: text.heading.into(),
                paragraphs: text.paragraphs.iter().map(|p| p.to_string()).collect(),
            }],
            urgent: Vec::new(),
            ask_your_doctor: text.ask.iter().map(|a| a.to_string()).collect(),
            references: vec![Reference {
                n: 1,
                text: text.reference.into(),
                pmid: None,
                doi: None,
                url: Some("https://example.org/replace-this-source".into()),
            }],
            reviewed: date,
            keywords: text.keywords.iter().map(|k| k.to_string()).collect(),
            more_info_url: None,
        }],
    }
}

struct StarterText {
    disclaimer: &'static str,
    topic: &'static str,
    question: &'static str,
    summary: &'static str,
    heading: &'static str,
    paragraphs: &'static [&'static str],
    ask: &'static [&'static str],
    reference: &'static str,
    keywords: &'static [&'static str],
}

const ENGLISH: StarterText = StarterText {
    disclaimer: "This is general information, not medical advice. Talk with your care team about your own health.",
    topic: "General questions",
    question: "Who can I ask about my care?",
    summary: "Your care team is here to help. Ask them about anything you do not understand [1].",
    heading: "Before your visit",
    paragraphs: &[
        "Write down your questions before you come [1].",
        "Bring a list of the medicines you take.",
    ],
    ask: &[
        "Who do I call if I have a question at home?",
        "What should I do if I feel unwell?",
    ],
    reference: "Example source: replace it with the source of this answer (authors, title, journal, year).",
    keywords: &["care team", "questions"],
};

const SPANISH: StarterText = StarterText {
    disclaimer: "Esta es información general, no un consejo médico. Hable con su equipo de atención sobre su salud.",
    topic: "Preguntas generales",
    question: "¿A quién puedo preguntar sobre mi atención?",
    summary: "Su equipo de atención está para ayudarle. Pregunte lo que no entienda [1].",
    heading: "Antes de su visita",
    paragraphs: &[
        "Escriba sus preguntas antes de venir [1].",
        "Traiga una lista de las medicinas que toma.",
    ],
    ask: &[
        "¿A quién llamo si tengo una pregunta en casa?",
        "¿Qué hago si me siento mal?",
    ],
    reference: "Fuente de ejemplo: cámbiela por la fuente de esta respuesta (autores, título, revista, año).",
    keywords: &["equipo de atención", "preguntas"],
};

#[cfg(test)]
mod tests {
    use super::*;

    fn choices(id: &str, language: &str) -> NewBundle {
        NewBundle {
            id: id.into(),
            language: language.into(),
            title: "Our clinic".into(),
            publisher: "Riverside Clinic".into(),
        }
    }

    #[test]
    fn the_starter_is_valid_in_english_and_spanish_without_warnings() {
        for language in ["en", "es", "pt-BR"] {
            let validation = starter(&choices("riverside", language)).validate().expect("files");
            assert!(
                validation.report.errors.is_empty() && validation.report.warnings.is_empty(),
                "the starter in {language} must be valid and give no warning, so a writer starts clean: {:?}",
                validation.report
            );
        }
    }

    #[test]
    fn a_bad_id_is_refused_and_nothing_is_written() {
        let work = tempfile::tempdir().expect("temp");
        let dir = work.path().join("b");
        let result = new_bundle(&dir, choices("Our Clinic", "en"));
        let message = result.expect_err("a bad id is refused").to_string();
        assert!(message.contains("manifest.json: id: must be lowercase"), "{message}");
        assert!(!dir.exists(), "nothing is written when the choices are refused");
        new_bundle(&dir, choices("our-clinic", "en")).expect("a good id works");
        assert!(dir.join("questions/our-clinic-example.json").is_file());
    }
}
