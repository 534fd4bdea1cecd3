//! Whom to ask: the event's contact or organisers' address.
//!
//! An address is the event's when the page says so around it: the word
//! "contact", "questions" or "organisers" in its line, the link's words
//! ("Email us", "Contact"), the heading above it, or a front-matter key
//! (`email:`, `contact:`). An address in a programme row or in a bio is
//! a speaker's, and one standing alone says nothing; pages hide addresses
//! from robots (`name at example.org`), which is read where a contact word
//! is next to it.

use super::super::labels::percent_decode;
use super::{Line, Reader, fold};
use crate::model::Contact;
use crate::source::json::is_email;

/// Words that say an address is the one to write to.
const CONTACT_WORDS: &[&str] = &[
    "contact",
    "kontakt",
    "contacto",
    "contato",
    "contatti",
    "contáctanos",
    "contactez",
    "question",
    "inquir",
    "enquir",
    "email us",
    "e-mail us",
    "mail us",
    "email me",
    "send an email",
    "send an e-mail",
    "email to",
    "e-mail to",
    "write to",
    "reach us",
    "get in touch",
    "organiser",
    "organizer",
    "organising committee",
    "organizing committee",
    "organisation committee",
    "organization committee",
    "secretariat",
    "secretaría",
    "sekretariat",
    "helpdesk",
    "e-mail:",
    "email:",
    "mail:",
    "correo",
    "courriel",
    "yhteystiedot",
    "iletişim",
    "контакт",
    "联系",
    "聯絡",
    "連絡",
    "問い合わせ",
    "問合せ",
    "문의",
    "연락",
    "이메일",
    "メール",
];

/// Local parts of addresses nobody reads, and placeholders.
fn is_placeholder(email: &str) -> bool {
    let (local, domain) = email.split_once('@').unwrap_or(("", ""));
    matches!(
        local,
        "noreply" | "no-reply" | "donotreply" | "email" | "your" | "you" | "name" | "git"
    ) || matches!(domain, "example.com" | "example.org" | "email.com" | "domain.com")
}

/// Front-matter keys whose value is the event's address.
fn is_contact_key(key: &str) -> bool {
    let last = key.rsplit('.').next().unwrap_or(key);
    last.contains("email") || last.contains("contact") || last.contains("mail")
}

/// The event's contact address, what says so and where.
pub(super) fn find(reader: &Reader<'_>, lines: &[Line<'_>]) -> Option<(Contact, String, usize)> {
    let mut best: Option<(u8, String, &'static str, usize)> = None;
    let mut consider = |weight: u8, email: String, said: &'static str, at: usize| {
        if !is_email(&email) || is_placeholder(&email) {
            return;
        }
        if best.as_ref().is_none_or(|b| weight > b.0 || weight == b.0 && at < b.3) {
            best = Some((weight, email, said, at));
        }
    };
    for f in &reader.split.fields {
        if is_contact_key(&f.key) {
            for word in f.value.split([' ', ',', ';', '<', '>']) {
                let word = word.trim_start_matches("mailto:");
                consider(4, word.to_lowercase(), "the front matter", f.offset);
            }
        }
    }
    // addresses in lines: written out, linked, or hidden from robots
    for (i, line) in lines.iter().enumerate() {
        if line.programme {
            continue;
        }
        let lower = fold(line.text);
        let here = cued(&lower);
        let above = here || heading_above(lines, i).is_some_and(|h| cued(&fold(h.text)));
        if !above {
            continue;
        }
        let weight = if here { 3 } else { 2 };
        for email in addresses(&lower, here) {
            consider(weight, email, "a contact line", line.at);
        }
    }
    // `mailto:` links: the link's own words or its line say contact
    for (url, at) in &reader.page.links {
        let Some(rest) = url.strip_prefix("mailto:").or_else(|| url.strip_prefix("MAILTO:")) else {
            continue;
        };
        // the link's words start right after its tag: the first line at or
        // after it, when close; else the line it sits in
        let next = lines.partition_point(|l| l.at < *at);
        let close = lines.get(next).filter(|l| l.at - *at < 300).map(|_| next);
        let inside = next.checked_sub(1).filter(|&i| *at - lines[i].at <= 4000);
        let mut weight = 0;
        for i in close.into_iter().chain(inside) {
            let line = &lines[i];
            if line.programme {
                continue;
            }
            let lower = fold(line.text);
            if cued(&lower) || link_words_only(&lower) {
                weight = weight.max(3);
            } else if heading_above(lines, i).is_some_and(|h| cued(&fold(h.text))) {
                weight = weight.max(2);
            }
        }
        if weight == 0 {
            continue;
        }
        let address = percent_decode(rest.split('?').next().unwrap_or(rest));
        // several recipients: the first is the one named first
        let first = address.split([',', ';']).next().unwrap_or("").trim().to_lowercase();
        consider(weight, first, "a contact link", *at);
    }
    let (_, email, said, at) = best?;
    Some((Contact { name: None, email }, said.to_owned(), at))
}

fn cued(lower: &str) -> bool {
    CONTACT_WORDS.iter().any(|w| lower.contains(w))
        // a short line that opens with the word: a footer's `E-MAIL x@y.org`
        || lower.chars().count() <= 80
            && ["e-mail", "email", "mail ", "correo", "courriel"].iter().any(|w| lower.starts_with(w))
}

/// A line that is only a link's words (`Email`, `Mail`, an icon's label)
/// in a header or footer: the address is the site's, so the event's.
fn link_words_only(lower: &str) -> bool {
    lower.chars().count() <= 20 && (lower.contains("mail") || lower.contains("메일"))
}

/// The nearest heading before line `i`, within a few lines.
fn heading_above<'l, 'a>(lines: &'l [Line<'a>], i: usize) -> Option<&'l Line<'a>> {
    lines[..i]
        .iter()
        .rev()
        .take(4)
        .find(|l| matches!(l.kind, super::super::super::blocks::Kind::Heading(_)))
}

/// Addresses written in a line: plain, and, where `hidden` allows it,
/// written to hide them from robots (`name at example.org`,
/// `name _at_ example.org`, `name [at] example.org`).
fn addresses(lower: &str, hidden: bool) -> Vec<String> {
    let mut text = lower.to_owned();
    if hidden {
        for (from, to) in [
            (" _at_ ", "@"),
            (" [at] ", "@"),
            (" (at) ", "@"),
            ("[at]", "@"),
            ("(at)", "@"),
            (" [dot] ", "."),
            (" (dot) ", "."),
            ("[dot]", "."),
        ] {
            text = text.replace(from, to);
        }
        text = plain_at(&text);
    }
    text.split(|c: char| c.is_whitespace() || "<>()[]\"',;:：，、（）".contains(c))
        // an address is written in ASCII: what runs on in a script without
        // spaces is the sentence's (`…@googlegroups.comまで`)
        .map(|w| {
            w.split_once('@').map_or(w, |(_, domain)| {
                &w[..w.len() - domain.len()
                    + domain.find(|c: char| !c.is_ascii()).unwrap_or(domain.len())]
            })
        })
        .map(|w| w.trim_matches(|c: char| c == '.' || c == '!' || c == '?'))
        .map(|w| w.trim_start_matches("mailto:"))
        .filter(|w| w.contains('@'))
        .map(str::to_owned)
        .collect()
}

/// `Contact: name at example.org`: a plain ` at ` hides an address only
/// right after a label or a contact word; elsewhere it is the word ("blogs
/// about science at example.com").
fn plain_at(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(" at ") {
        let before = &rest[..i];
        let local_start = before.rfind(char::is_whitespace).map_or(0, |j| j + 1);
        let lead = before[..local_start].trim_end();
        let domain = rest[i + 4..].split_whitespace().next().unwrap_or("");
        let labelled = lead.is_empty()
            || lead.ends_with([':', '：', '-', '—', '、'])
            || CONTACT_WORDS.iter().any(|w| lead.ends_with(w));
        let local = &before[local_start..];
        let hidden = labelled && !local.is_empty() && domain.trim_end_matches('.').contains('.');
        out.push_str(before);
        out.push_str(if hidden { "@" } else { " at " });
        rest = &rest[i + 4..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_hidden_from_robots_are_read_next_to_a_contact_word() {
        assert_eq!(addresses("連絡先：2018web at wiss.org", true), ["2018web@wiss.org"]);
        assert_eq!(
            addresses("お問い合わせ: kanrk05-staff _at_ googlegroups.com", true),
            ["kanrk05-staff@googlegroups.com"]
        );
        assert_eq!(addresses("meet at noon", false), Vec::<String>::new());
        assert_eq!(
            addresses("お問い合わせは、kanrk05-staff _at_ googlegroups.comまでメールにて", true),
            ["kanrk05-staff@googlegroups.com"]
        );
        let bio = "a member of the organizer team; he blogs about security at blog.example.com.";
        assert_eq!(addresses(bio, true), Vec::<String>::new());
        assert_eq!(addresses("contact: jo at example.org", true), ["jo@example.org"]);
    }

    #[test]
    fn placeholders_are_no_contact() {
        assert!(is_placeholder("email@email.com"));
        assert!(is_placeholder("git@github.com"));
        assert!(!is_placeholder("info@hackerspace.gent"));
    }
}
