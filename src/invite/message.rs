//! One invitation email (RFC 5322 + MIME, iMIP RFC 6047), built with lettre.
//!
//! The shape is the one Google Calendar sends and Outlook, Apple Mail and
//! Thunderbird all show as an invitation:
//!
//! ```text
//! multipart/mixed
//! ├── multipart/alternative
//! │   ├── text/plain
//! │   ├── text/html
//! │   └── text/calendar; charset=utf-8; method=REQUEST   (the iMIP part)
//! └── application/ics; name="invite.ics"                  (attachment)
//! ```
//!
//! The method is on the MIME part as well as in the calendar
//! (CLIENT-QUIRKS.md #9). The attachment is `application/ics` so that
//! clients that act on every `text/calendar` part do not see two
//! invitations. Everything that varies between runs is fixed from the
//! state, so the same version to the same person is the same bytes: Date is
//! when the version was first seen, the Message-ID and the boundaries are
//! hashes of what the message is.

use lettre::Message;
use lettre::message::header::{ContentTransferEncoding, ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Body, Mailbox, MultiPart, SinglePart};

use super::plan::{Kind, Outgoing};
use super::registrations::one_line;
use crate::diag::Diagnostic;
use crate::digest::short_hash;
use crate::ical::description::Description;
use crate::ical::{
    Audience, Invitation, RenderOptions, invitation_to_string, withdrawal_to_string,
};
use crate::model::{Contact, Schedule};
use crate::{Error, Result};

/// A message ready to write or send.
#[derive(Debug, Clone)]
pub struct Composed {
    /// A file name for it in an outbox: version, method and recipient.
    pub file_name: String,
    /// The calendar it carries.
    pub calendar: String,
    /// The message.
    pub message: Message,
}

/// Builds the message for `outgoing`; `schedule` is the current source.
///
/// # Errors
///
/// If an address cannot be used in a mail header.
pub fn compose(schedule: &Schedule, outgoing: &Outgoing) -> Result<Composed> {
    let (calendar, about) = match &outgoing.gone {
        Some(snapshot) => (
            withdrawal_to_string(
                snapshot,
                &outgoing.to,
                outgoing.revision.sequence,
                outgoing.revision.modified,
            ),
            About {
                title: snapshot.summary.clone(),
                when: snapshot.when(chrono_tz::UTC),
                organizer: snapshot.organizer.clone(),
            },
        ),
        None => {
            let mut options = RenderOptions::new(outgoing.revision.modified);
            options.revisions.insert(outgoing.uid.clone(), outgoing.revision);
            let invitation = Invitation {
                attendee: &outgoing.to,
                audience: outgoing.audience,
                cancel: outgoing.kind == Kind::Cancellation,
            };
            let snapshot = crate::ical::event_snapshot(schedule).expect("planned from it");
            (
                invitation_to_string(schedule, &options, &invitation),
                About {
                    title: schedule.title.clone(),
                    when: snapshot.when(schedule.zone),
                    organizer: snapshot.organizer,
                },
            )
        }
    };
    let method = match outgoing.kind {
        Kind::Invitation | Kind::Update => "REQUEST",
        Kind::Cancellation => "CANCEL",
    };
    let title = one_line(&about.title);
    // an ASCII dash keeps the subject readable where encoded words are not
    let when = about.when.replace('–', "-");
    let subject = match outgoing.kind {
        Kind::Invitation => format!("Invitation: {title}, {when}"),
        Kind::Update => format!("Updated invitation: {title}, {when}"),
        Kind::Cancellation => format!("Cancelled: {title}, {when}"),
    };
    let (plain, html) = body(schedule, outgoing, &about);

    let what = [
        outgoing.uid.as_str(),
        &outgoing.revision.sequence.to_string(),
        method,
        &outgoing.to.email.to_ascii_lowercase(),
    ];
    let id = short_hash(what.join("\0").as_bytes());
    let domain = about.organizer.email.rsplit_once('@').map_or("symcal", |(_, d)| d);
    let calendar_type = format!("text/calendar; charset=utf-8; method={method}");
    let alternative = MultiPart::alternative()
        .boundary(format!("alt-{id}"))
        .singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).body(plain))
        .singlepart(SinglePart::builder().header(ContentType::TEXT_HTML).body(html))
        .singlepart(
            SinglePart::builder()
                .header(ContentType::parse(&calendar_type).expect("a valid content type"))
                .body(base64(&calendar)),
        );
    let attachment = Attachment::new("invite.ics".to_owned()).body(
        base64(&calendar),
        ContentType::parse("application/ics; name=\"invite.ics\"").expect("a valid content type"),
    );
    let message = Message::builder()
        .from(mailbox(&about.organizer)?)
        .to(mailbox(&outgoing.to)?)
        .subject(subject)
        .date(outgoing.revision.modified.into())
        .message_id(Some(format!("<{id}.symcal@{domain}>")))
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("Content-class"),
            "urn:content-classes:calendarmessage".to_owned(),
        ))
        .multipart(
            MultiPart::mixed()
                .boundary(format!("mixed-{id}"))
                .multipart(alternative)
                .singlepart(attachment),
        )
        .map_err(|e| {
            invalid(format!("the message to `{}` cannot be built: {e}", outgoing.to.email))
        })?;

    // readable, but unique by the hash: `ann_lee@` and `ann!lee@` look
    // alike once made safe for a file name, and must not share a file
    let readable: String = safe(&outgoing.to.email.to_ascii_lowercase()).chars().take(64).collect();
    let uid_part: String =
        safe(outgoing.uid.split('@').next().unwrap_or("event")).chars().take(64).collect();
    let file_name = format!(
        "{uid_part}-{}-{}-{readable}-{}.eml",
        outgoing.revision.sequence,
        method.to_ascii_lowercase(),
        &id[..12],
    );
    Ok(Composed { file_name, calendar, message })
}

/// What the email says the event is.
struct About {
    title: String,
    when: String,
    organizer: Contact,
}

/// The text of the email, plain and HTML, the way to attend that the
/// recipient uses first.
fn body(schedule: &Schedule, outgoing: &Outgoing, about: &About) -> (String, String) {
    let mut d = Description::default();
    match &outgoing.to.name {
        Some(name) => d.text(&format!("Dear {},", one_line(name))),
        None => d.text("Hello,"),
    };
    d.paragraph();
    match outgoing.kind {
        Kind::Invitation => d.text(&format!("You are invited to {}.", about.title)),
        Kind::Update => d.text(&format!(
            "The details of {} have changed. This invitation replaces the one you had; your calendar updates the event when you open it.",
            about.title
        )),
        Kind::Cancellation => d.text(&format!(
            "{} is cancelled. Your calendar removes the event when you open this message.",
            about.title
        )),
    };
    d.paragraph().text("When: ").text(&about.when);
    if outgoing.gone.is_none() && outgoing.kind != Kind::Cancellation {
        attend(schedule, outgoing.audience, &mut d);
        if let Some(url) = &schedule.url {
            d.paragraph().text("Programme: ").link(url);
        }
        d.paragraph().text(
            "The attached invitation has the agenda. Accept it to add the event to your calendar.",
        );
    }
    d.paragraph().text("Questions: reply to this email (").text(&about.organizer.email).text(").");
    let html = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body><p>{}</p></body></html>\n",
        d.html_body()
    );
    (format!("{}\n", d.plain()), html)
}

/// Where and how to attend: in-person attendees read the venue, address
/// and map first; online attendees the stream link.
fn attend(schedule: &Schedule, audience: Audience, d: &mut Description) {
    let venue = |d: &mut Description| {
        let Some(v) = &schedule.venue else { return };
        d.paragraph().text("Where: ").text(&v.name);
        if let Some(address) = &v.address {
            d.line().text(address);
        }
        if let Some(geo) = v.geo {
            d.line().text("Map: ").link(&format!(
                "https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}",
                lat = geo.lat,
                lon = geo.lon
            ));
        }
    };
    let online = |d: &mut Description| {
        let Some(o) = &schedule.online else { return };
        match &o.platform {
            Some(platform) => d.paragraph().text("Join on ").text(platform).text(": "),
            None => d.paragraph().text("Join online: "),
        };
        match (&o.url, &o.note) {
            (Some(url), _) => {
                d.link(url);
            }
            (None, Some(note)) => {
                d.text(note);
            }
            (None, None) => {
                d.text("the link will follow");
            }
        }
    };
    if audience == Audience::Online {
        online(d);
        venue(d);
    } else {
        venue(d);
        online(d);
    }
}

fn mailbox(contact: &Contact) -> Result<Mailbox> {
    let address = ascii_domain(&contact.email)
        .parse()
        .map_err(|e| invalid(format!("`{}` cannot be a mail address: {e}", contact.email)))?;
    let name = contact.name.as_deref().map(one_line).filter(|n| !n.is_empty());
    Ok(Mailbox::new(name, address))
}

/// `address` with its domain in ASCII (`用户@例子.广告` →
/// `用户@xn--fsqu00a.xn--4rr70v`): every server takes an ASCII domain, while
/// a UTF-8 one needs SMTPUTF8 (RFC 6531) on every hop. A local part has no
/// ASCII form: one with letters beyond ASCII still needs SMTPUTF8, and a
/// server without it refuses that one recipient (see `transport`).
fn ascii_domain(address: &str) -> String {
    match address.rsplit_once('@') {
        Some((local, domain)) if !domain.is_ascii() => match idna::domain_to_ascii(domain) {
            Ok(domain) => format!("{local}@{domain}"),
            Err(_) => address.to_owned(),
        },
        _ => address.to_owned(),
    }
}

/// A calendar as base64, so its CRLFs and long lines arrive byte for byte.
fn base64(calendar: &str) -> Body {
    Body::new_with_encoding(calendar.to_owned(), ContentTransferEncoding::Base64)
        .expect("base64 can carry anything")
}

/// A file name part: letters, digits and `@._+-`; anything else `_`.
fn safe(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_alphanumeric() || "@._+-".contains(c) { c } else { '_' })
        .collect()
}

fn invalid(message: String) -> Error {
    Error::invalid(vec![Diagnostic::error(message)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_cannot_leave_the_outbox() {
        assert_eq!(safe("../../etc/passwd"), ".._.._etc_passwd");
    }

    #[test]
    fn issue_10_addresses_that_look_alike_get_their_own_files() {
        let text = r#"{"id": "m", "title": "Day", "timezone": "Europe/London",
          "organizer": {"name": "Org", "email": "org@example.org"},
          "sessions": [{"title": "Talk", "start": "2025-06-30T14:00", "end": "2025-06-30T15:00"}]}"#;
        let schedule = crate::source::json::parse(text, "m.json".as_ref()).unwrap().schedule;
        let names: std::collections::BTreeSet<String> =
            ["ann_lee", "ann!lee", "ann/lee", "ann=lee"]
                .iter()
                .map(|local| {
                    let outgoing = crate::invite::plan::test_invitation(Contact {
                        name: None,
                        email: format!("{local}@example.org"),
                    });
                    compose(&schedule, &outgoing).unwrap().file_name
                })
                .collect();
        assert_eq!(names.len(), 4, "{names:?}");
        assert!(names.iter().all(|n| !n.contains('/')));
    }

    #[test]
    fn issue_18_an_internationalised_domain_is_sent_as_punycode() {
        assert_eq!(ascii_domain("用户@例子.广告"), "用户@xn--fsqu00a.xn--4rr70v");
        assert_eq!(ascii_domain("ann@bücher.example"), "ann@xn--bcher-kva.example");
        assert_eq!(ascii_domain("josé@example.org"), "josé@example.org");
        let text = r#"{"id": "m", "title": "Day", "timezone": "UTC",
          "organizer": {"name": "Org", "email": "org@example.org"},
          "sessions": [{"title": "Talk", "start": "2025-06-30T14:00", "end": "2025-06-30T15:00"}]}"#;
        let schedule = crate::source::json::parse(text, "m.json".as_ref()).unwrap().schedule;
        let outgoing = crate::invite::plan::test_invitation(Contact {
            name: None,
            email: "ann@bücher.example".into(),
        });
        let composed = compose(&schedule, &outgoing).unwrap();
        let envelope = composed.message.envelope();
        assert_eq!(envelope.to()[0].to_string(), "ann@xn--bcher-kva.example");
        assert!(envelope.to()[0].to_string().is_ascii());
    }

    #[test]
    fn the_same_message_is_the_same_bytes() {
        let text = r#"{"id": "m", "title": "Day\r\nBcc: everyone@example.org", "timezone": "Europe/London",
          "organizer": {"name": "Org\nX-Injected: 1", "email": "org@example.org"},
          "sessions": [{"title": "Talk", "start": "2025-06-30T14:00", "end": "2025-06-30T15:00"}]}"#;
        let schedule = crate::source::json::parse(text, "m.json".as_ref()).unwrap().schedule;
        let outgoing = crate::invite::plan::test_invitation(Contact {
            name: Some("Eve\r\nBcc: x@example.org".into()),
            email: "eve@example.org".into(),
        });
        let a = compose(&schedule, &outgoing).unwrap().message.formatted();
        let b = compose(&schedule, &outgoing).unwrap().message.formatted();
        assert_eq!(a, b);
        let text = String::from_utf8(a).unwrap();
        let headers = &text[..text.find("\r\n\r\n").unwrap()];
        for line in headers.split("\r\n") {
            assert!(!line.starts_with("Bcc") && !line.starts_with("X-Injected"), "{headers}");
        }
    }
}
