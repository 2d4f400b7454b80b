//! What a click on the start page asks for. The start page comes first, as a
//! small program of its own (`ui::boot`), so the preparer can use it while
//! the app (the editor and everything else) loads behind it; a click that
//! comes before the app is up is handed over as text and the app does it.

/// One start-page action; a draft's actions carry its id (a storage key's tail).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartAct {
    Create,
    ImportJson,
    Paste,
    ImportWord,
    Desk,
    Rules,
    Open(String),
    Download(String),
    Copy(String),
    NextYear(String),
    Delete(String),
    /// A damaged draft's stored text, by its storage key.
    DownloadRaw(String),
}

impl StartAct {
    /// The text that hands it over (and names its button: `data-act`).
    pub fn encode(&self) -> String {
        let (kind, id) = self.parts();
        match id {
            Some(id) => format!("{kind}:{id}"),
            None => kind.to_string(),
        }
    }

    pub fn decode(text: &str) -> Option<StartAct> {
        let (kind, id) = match text.split_once(':') {
            Some((kind, id)) => (kind, Some(id.to_string())),
            None => (text, None),
        };
        Some(match (kind, id) {
            ("create", None) => StartAct::Create,
            ("import-json", None) => StartAct::ImportJson,
            ("paste", None) => StartAct::Paste,
            ("import-word", None) => StartAct::ImportWord,
            ("desk", None) => StartAct::Desk,
            ("rules", None) => StartAct::Rules,
            ("open", Some(id)) => StartAct::Open(id),
            ("download", Some(id)) => StartAct::Download(id),
            ("copy", Some(id)) => StartAct::Copy(id),
            ("next-year", Some(id)) => StartAct::NextYear(id),
            ("delete", Some(id)) => StartAct::Delete(id),
            ("download-raw", Some(key)) => StartAct::DownloadRaw(key),
            _ => return None,
        })
    }

    /// Opens the browser's file chooser, which a browser allows only soon
    /// after the preparer's own click.
    pub fn chooses_file(&self) -> bool {
        matches!(self, StartAct::ImportJson | StartAct::ImportWord)
    }

    fn parts(&self) -> (&'static str, Option<&str>) {
        match self {
            StartAct::Create => ("create", None),
            StartAct::ImportJson => ("import-json", None),
            StartAct::Paste => ("paste", None),
            StartAct::ImportWord => ("import-word", None),
            StartAct::Desk => ("desk", None),
            StartAct::Rules => ("rules", None),
            StartAct::Open(id) => ("open", Some(id)),
            StartAct::Download(id) => ("download", Some(id)),
            StartAct::Copy(id) => ("copy", Some(id)),
            StartAct::NextYear(id) => ("next-year", Some(id)),
            StartAct::Delete(id) => ("delete", Some(id)),
            StartAct::DownloadRaw(key) => ("download-raw", Some(key)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_act_reads_back_from_its_text() {
        let acts = [
            StartAct::Create,
            StartAct::ImportJson,
            StartAct::Paste,
            StartAct::ImportWord,
            StartAct::Desk,
            StartAct::Rules,
            StartAct::Open("k3x-1".into()),
            StartAct::Download("a".into()),
            StartAct::Copy("a".into()),
            StartAct::NextYear("a".into()),
            StartAct::Delete("a".into()),
            // A storage key has colons and slashes of its own.
            StartAct::DownloadRaw("perf-goals/v1/draft/a:b".into()),
        ];
        for act in acts {
            assert_eq!(
                StartAct::decode(&act.encode()),
                Some(act.clone()),
                "{act:?}"
            );
        }
    }

    #[test]
    fn unknown_or_incomplete_texts_are_no_act() {
        for text in ["", "open", "create:x", "launch", "delete"] {
            assert_eq!(StartAct::decode(text), None, "{text:?}");
        }
        // An empty id is an id (no draft has it; opening it says so).
        assert_eq!(
            StartAct::decode("open:"),
            Some(StartAct::Open(String::new()))
        );
    }
}
