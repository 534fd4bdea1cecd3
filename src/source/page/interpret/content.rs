//! What a row's text says: its title, who presents, whether either is
//! still to be confirmed, and what kind of session it is.
//!
//! Agenda cells come in two shapes: a speaker column beside a title column
//! (`| Time | Presenter | Title |`), and one cell that says both
//! (`Invited talk 1: Name, Affiliation - Title`, `Keynote speaker: Dr. X -
//! Title`, `Name, et al.: Title`, `Panel Discussion: A, B and C`). Media
//! links at the end of a title (`[(Recording)](…)`) are kept as links.

use chrono::{NaiveTime, Timelike};

use super::super::document::{is_web_url, plain_text};
use super::super::tokens::lexicon::Lexicon;
use crate::model::{Person, SessionKind};

/// What a row's text says: the title, the presenters, and the kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Content {
    pub(crate) title: String,
    pub(crate) title_tbc: bool,
    pub(crate) presenters: Vec<Person>,
    pub(crate) presenters_tbc: bool,
    pub(crate) kind: SessionKind,
    pub(crate) links: Vec<String>,
}

fn is_tbc(text: &str) -> bool {
    matches!(
        text.trim().to_lowercase().as_str(),
        "tbc" | "tba" | "tbd" | "to be confirmed" | "to be announced"
    )
}

fn is_nobody(text: &str) -> bool {
    text.trim().chars().all(|c| matches!(c, '—' | '–' | '-' | ' '))
}

/// Reads a `| Time | Presenter | Title |` row.
pub(crate) fn presenter_title(presenter: &str, title: &str) -> Content {
    let (presenter, mut links) = plain_text(presenter);
    let (title_text, title_links) = title_without_media_links(title);
    links.extend(title_links);
    links.retain(|u| is_web_url(u));
    let presenters_tbc = is_tbc(&presenter);
    let presenters = if presenters_tbc || is_nobody(&presenter) {
        Vec::new()
    } else {
        people(&presenter, " / ")
    };
    let title_tbc = is_tbc(&title_text);
    let title = if title_tbc { String::new() } else { title_text };
    let kind = kind_of(&title, "");
    Content { title, title_tbc, presenters, presenters_tbc, kind, links }
}

/// Reads a `| Time | Speaker and Title |` cell: `Invited talk 1: Name,
/// Affiliation - Title`, `**Keynote speaker:** Dr. X - Title`, `Name, et
/// al.: Title`, `Panel Discussion: A, B and C`, or just a title.
pub(crate) fn combined(cell: &str) -> Content {
    let (text, mut links) = title_without_media_links(cell);
    links.retain(|u| is_web_url(u));
    let text = text.trim().to_owned();
    let labelled = ["keynote speaker", "keynote", "invited talk", "panel discussion", "panel"]
        .iter()
        .find_map(|label| {
            // ASCII lower-casing keeps byte positions for slicing `text`
            let lower = text.to_ascii_lowercase();
            let rest = lower.strip_prefix(label)?;
            // "Keynote 1:" / "Invited talk 3:" / "Panel Discussion:"
            let colon = rest.find(':')?;
            rest[..colon]
                .trim()
                .chars()
                .all(|c| c.is_ascii_digit())
                .then_some((*label, label.len() + colon + 1))
        });
    let mut content = Content {
        title: text.clone(),
        title_tbc: is_tbc(&text),
        presenters: Vec::new(),
        presenters_tbc: false,
        kind: kind_of(&text, ""),
        links,
    };
    if let Some((label, at)) = labelled {
        let rest = text[at..].trim();
        let label_text = text[..at].trim_end_matches(':').trim().to_owned();
        content.kind = kind_of(&label_text, label);
        if label.starts_with("panel") {
            content.title = label_text;
            content.presenters = people(rest, ", ");
        } else if let Some((who, title)) = rest.split_once(" - ") {
            content.presenters = vec![person_with_affiliation(who)];
            content.title = title.trim().to_owned();
        } else if rest.is_empty() {
            content.title = label_text;
        } else {
            content.presenters = people(rest, ", ");
            content.title = label_text;
        }
        return content;
    }
    if let Some(at) = text.find("et al.") {
        let who = text[..at].trim().trim_end_matches(',').trim();
        let title = text[at + "et al.".len()..].trim_start_matches([':', ' ']).trim();
        if !who.is_empty() && !title.is_empty() {
            content.presenters = vec![Person { name: format!("{who} et al."), affiliation: None }];
            content.title = title.to_owned();
            content.kind = kind_of(title, "");
        }
    } else if let Some(title) = text.strip_suffix(':') {
        content.title = title.trim().to_owned();
    }
    content
}

/// The title's text without trailing media links such as
/// `[(Recording)](…)`, which are kept as links instead.
fn title_without_media_links(cell: &str) -> (String, Vec<String>) {
    let (text, links) = plain_text(cell);
    let mut text = text;
    for word in ["(Recording)", "(Slides)", "(Video)"] {
        if let Some(stripped) = text.strip_suffix(word) {
            text = stripped.trim_end().to_owned();
        }
    }
    (text, links)
}

/// People separated by `sep` (and "and"), each maybe with an affiliation
/// in parentheses. Separators inside parentheses do not split.
fn people(text: &str, sep: &str) -> Vec<Person> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut from = 0;
    let mut skip_to = 0;
    for (i, c) in text.char_indices() {
        if i < skip_to {
            continue;
        }
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        let rest = &text[i..];
        let sep_len = if rest.starts_with(sep) {
            sep.len()
        } else if rest.starts_with(" and ") {
            " and ".len()
        } else {
            0
        };
        if depth == 0 && sep_len > 0 {
            parts.push(&text[from..i]);
            from = i + sep_len;
            skip_to = from;
        }
    }
    parts.push(&text[from..]);
    parts
        .into_iter()
        .map(|p| p.trim().trim_start_matches("and ").trim())
        .filter(|p| !p.is_empty() && !is_nobody(p))
        .map(person)
        .collect()
}

/// `Name (Affiliation)` or `Name`.
fn person(text: &str) -> Person {
    let text = text.trim();
    if let Some(open) = text.find('(')
        && text.ends_with(')')
    {
        let name = text[..open].trim();
        let affiliation = text[open + 1..text.len() - 1].trim();
        if !name.is_empty() {
            return Person {
                name: name.to_owned(),
                affiliation: Some(affiliation.to_owned()).filter(|a| !a.is_empty()),
            };
        }
    }
    Person { name: text.to_owned(), affiliation: None }
}

/// `Name, Affiliation, Country` (the invited-talk style).
fn person_with_affiliation(text: &str) -> Person {
    match text.split_once(", ") {
        Some((name, affiliation)) => Person {
            name: name.trim().to_owned(),
            affiliation: Some(affiliation.trim().to_owned()),
        },
        None => person(text),
    }
}

/// The kind of session a title (or label) describes.
pub(crate) fn kind_of(title: &str, label: &str) -> SessionKind {
    let t = format!("{label} {title}").to_lowercase();
    KINDS
        .iter()
        .find(|(words, _)| words.any_in(&t))
        .map_or(SessionKind::Talk, |(_, kind)| kind.clone())
}

/// The words of each kind of session but a talk, in the order they are
/// asked: the first kind whose words a title holds is its kind.
static KINDS: [(Lexicon, SessionKind); 5] = [
    (Lexicon::new(&["keynote"]), SessionKind::Keynote),
    (Lexicon::new(&["panel", "round table"]), SessionKind::Panel),
    (Lexicon::new(&["arrival", "registration"]), SessionKind::Arrival),
    (Lexicon::new(&["break", "coffee", "lunch", "posters/", "poster session"]), SessionKind::Break),
    (
        Lexicon::new(&["remarks", "welcome", "closing", "opening", "prize", "award"]),
        SessionKind::Ceremony,
    ),
];

/// Minutes since midnight, for messages.
pub(crate) fn hhmm(t: NaiveTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(c: &Content) -> Vec<(&str, Option<&str>)> {
        c.presenters.iter().map(|p| (p.name.as_str(), p.affiliation.as_deref())).collect()
    }

    #[test]
    fn three_column_cells() {
        let c = presenter_title("Enzo Ferrante / Ben Glocker", "Opening remarks");
        assert_eq!(names(&c), [("Enzo Ferrante", None), ("Ben Glocker", None)]);
        assert_eq!(c.kind, SessionKind::Ceremony);
        let c = presenter_title("Rodrigo Echeveste (CONICET / UNL)", "Fairly (un)certain models");
        assert_eq!(names(&c), [("Rodrigo Echeveste", Some("CONICET / UNL"))]);
        let c = presenter_title("tbc", "tbc");
        assert!(c.title_tbc && c.presenters_tbc && c.presenters.is_empty());
        let c = presenter_title("—", "Coffee break");
        assert!(c.presenters.is_empty() && !c.presenters_tbc);
        assert_eq!(c.kind, SessionKind::Break);
    }

    #[test]
    fn combined_cells() {
        let c = combined(
            "Invited talk 1: Amar Kumar, McGill University, Canada - Debiasing Counterfactuals",
        );
        assert_eq!(names(&c), [("Amar Kumar", Some("McGill University, Canada"))]);
        assert_eq!((c.title.as_str(), &c.kind), ("Debiasing Counterfactuals", &SessionKind::Talk));
        let c = combined("Keynote speaker: Dr. Xiaoxiao Li - Evaluating Fairness");
        assert_eq!(names(&c), [("Dr. Xiaoxiao Li", None)]);
        assert_eq!((c.title.as_str(), &c.kind), ("Evaluating Fairness", &SessionKind::Keynote));
        let c = combined("Debesh Jha, et al.: Practical and Ethical Considerations");
        assert_eq!(names(&c), [("Debesh Jha et al.", None)]);
        assert_eq!(c.title, "Practical and Ethical Considerations");
        let c = combined("Panel Discussion: Leo Celi, Ghada Zamzmi, and FAIMI organisers");
        assert_eq!(c.presenters.last().unwrap().name, "FAIMI organisers");
        assert_eq!(c.title, "Panel Discussion");
        let c = combined("Invited talks:");
        assert_eq!(c.title, "Invited talks");
        let c = combined("Posters/Coffee");
        assert_eq!(c.kind, SessionKind::Break);
    }
}
