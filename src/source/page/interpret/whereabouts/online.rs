//! How to join online: a link to a meeting or streaming service, or a
//! sentence that says the event is online, hybrid or streamed and that the
//! link will follow.
//!
//! A link is a way to join by its service and path (`zoom.us/j/…`,
//! `meet.google.com/…`, `teams.microsoft.com/l/meetup-join/…`), not by its
//! words; a live-stream service counts only where the page says the event
//! is streamed. Recordings, slides, registration forms and chat servers
//! are not ways to join.

use super::{Line, Reader, fold, has_word};
use crate::model::Stream;

/// What the page says about joining online.
#[derive(Debug, Default)]
pub(super) struct Online {
    /// The way to join, what says so and where.
    pub(super) stream: Option<(Stream, String, usize)>,
    /// The event is online only: a place named is not its venue.
    pub(super) only_online: bool,
}

/// A service and whether it is a stream to watch rather than a meeting.
struct Service {
    name: &'static str,
    stream: bool,
}

/// The service a link joins, if it is a way to join at all.
fn service(url: &str) -> Option<Service> {
    let lower = url.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host);
    let on = |domain: &str| host == domain || host.ends_with(&format!(".{domain}"));
    let path_starts = |prefixes: &[&str]| prefixes.iter().any(|p| path.starts_with(p));
    let meeting = |name| Some(Service { name, stream: false });
    let live = |name| Some(Service { name, stream: true });
    if on("zoom.us") || on("zoom.com") || on("zoomgov.com") {
        // a meeting or webinar, not the product's own pages or a recording
        return if path_starts(&["j/", "w/", "my/", "s/", "webinar/register", "meeting/"])
            && !path.starts_with("rec/")
        {
            meeting("Zoom")
        } else {
            None
        };
    }
    if on("teams.microsoft.com") && path_starts(&["l/meetup-join", "meet/", "l/meeting"])
        || on("teams.live.com") && path.starts_with("meet")
    {
        return meeting("Microsoft Teams");
    }
    if host == "meet.google.com" && !path.is_empty() {
        return meeting("Google Meet");
    }
    if on("webex.com") && (path.contains("j.php") || path_starts(&["meet/", "join/", "wbxmjs/"])) {
        return meeting("Webex");
    }
    if host == "meet.jit.si" && !path.is_empty() || host.starts_with("jitsi.") {
        return meeting("Jitsi Meet");
    }
    if host.contains("bigbluebutton") || host.starts_with("bbb.") && !path.is_empty() {
        return meeting("BigBlueButton");
    }
    if on("gather.town") && path_starts(&["app", "events/", "invite", "i/"]) {
        return meeting("Gather");
    }
    if on("airmeet.com") && path.starts_with("e/")
        || on("hopin.com") && path.starts_with("events/")
        || on("crowdcast.io") && path.starts_with("e/")
    {
        return meeting("the event's virtual platform");
    }
    if on("youtube.com") && (path.starts_with("live") || path.contains("/live")) || on("youtu.be") {
        return live("YouTube");
    }
    if on("youtube.com") && path.starts_with("watch") {
        return live("YouTube");
    }
    if on("twitch.tv") && !path.is_empty() {
        return live("Twitch");
    }
    if on("vimeo.com") && path.starts_with("event/") {
        return live("Vimeo");
    }
    None
}

/// Words that make a link or its line something else than a way to join.
const NOT_JOINING: &[&str] = &[
    "record",
    "replay",
    "slides",
    "playlist",
    "watch again",
    "regist",
    "sign up",
    "signup",
    "ticket",
    "grabación",
    "aufzeichnung",
    "enregistrement",
    "inscri",
    "anmeld",
    "録画",
    "아카이브",
];

/// Words that say the event (or part of it) is online, hybrid or streamed.
const ONLINE_WORDS: &[&str] = &[
    "online",
    "virtual",
    "virtually",
    "hybrid",
    "remote participation",
    "livestream",
    "livestreamed",
    "live stream",
    "live-stream",
    "streamed",
    "streaming",
    "webinar",
    "zoom",
    "microsoft teams",
    "google meet",
    "webex",
    "jitsi",
    "gather town",
    "gather.town",
    "en ligne",
    "hybride",
    "distanciel",
    "virtuell",
    "en línea",
    "híbrido",
    "híbrida",
    "ibrido",
    "transmisión",
    "transmissão",
    "オンライン",
    "ハイブリッド",
    "配信",
    "线上",
    "線上",
    "直播",
    "온라인",
];

/// Words of a line about something else done online: registering,
/// submitting, publishing, paying.
const ONLINE_OTHER: &[&str] = &[
    "regist",
    "submi",
    "proceeding",
    "publish",
    "published",
    "available online",
    "online version",
    "inscri",
    "anmeld",
    "einreich",
    "record",
    "youtube channel",
    "申し込み",
    "申込",
    "登録",
    "报名",
];

/// Whole words of the same (`shop` is not inside `workshop`).
const ONLINE_OTHER_WORDS: &[&str] =
    &["form", "forms", "ticket", "tickets", "payment", "shop", "store"];

/// Words that say a place is the event's only one: online only.
const ONLY_ONLINE: &[&str] = &[
    "virtual conference",
    "virtual event",
    "virtual workshop",
    "virtual symposium",
    "virtual meeting",
    "virtual only",
    "fully virtual",
    "fully online",
    "online only",
    "online-only",
    "online event",
    "online workshop",
    "online conference",
    "online seminar",
    "online meeting",
    "takes place virtually",
    "take place virtually",
    "held virtually",
    "held online",
    "takes place online",
    "take place online",
    "venue: zoom",
    "venue: online",
    "location: zoom",
    "location: online",
    "en ligne uniquement",
    "100% en ligne",
    "rein virtuell",
    "online-veranstaltung",
    "completamente virtual",
    "totalmente virtual",
    "totalmente online",
    "オンライン開催",
    "线上举办",
    "线上活动",
    "온라인으로 진행",
];

/// Words that say the way to join will come later.
const TO_FOLLOW: &[&str] = &[
    "will be sent",
    "will be emailed",
    "will be e-mailed",
    "will be shared",
    "will be provided",
    "will be posted",
    "will be circulated",
    "will be distributed",
    "will be announced",
    "will be made available",
    "details to follow",
    "link to follow",
    "links to follow",
    "sent to registered",
    "emailed to registered",
    "emailed privately",
    "sera envoyé",
    "seront envoyés",
    "wird verschickt",
    "werden verschickt",
    "será enviado",
    "se enviará",
];

/// Finds how to join: the join link the page gives most (the first of
/// equals), else a statement that the event is online or hybrid.
pub(super) fn find(reader: &Reader<'_>, lines: &[Line<'_>]) -> Online {
    let mut out = Online::default();
    let stated: Vec<&Line<'_>> =
        lines.iter().filter(|l| !l.programme && says_online(l.text)).collect();
    out.only_online = stated.iter().any(|l| {
        let lower = fold(l.text);
        ONLY_ONLINE.iter().any(|w| lower.contains(w))
    }) || reader.split.fields.iter().any(|f| {
        let key = f.key.as_str();
        matches!(key, "location" | "venue" | "where")
            && matches!(fold(&f.value).as_str(), "online" | "virtual" | "zoom" | "remote")
    });
    let streamed = !stated.is_empty();

    // links with the line that carries each
    let mut joins: Vec<(String, Service, usize, usize)> = Vec::new();
    for (url, at) in reader.page.links.iter().chain(front_matter_links(reader).iter()) {
        let Some(service) = service(url) else { continue };
        let line = line_at(lines, *at);
        let lower = line.map(|l| fold(l.text)).unwrap_or_default();
        if NOT_JOINING.iter().any(|w| lower.contains(w)) {
            continue;
        }
        // a stream counts where the page says the event is streamed; a
        // link inside the programme (a talk's video) does not
        if service.stream && (!streamed || line.is_some_and(|l| l.programme)) {
            continue;
        }
        if line.is_none() && !reader.split.fields.iter().any(|f| f.offset == *at) {
            // inside a dates section or a past edition
            continue;
        }
        match joins.iter_mut().find(|j| j.0 == *url) {
            Some(j) => j.3 += 1,
            None => joins.push((url.clone(), service, *at, 1)),
        }
    }
    // meetings before streams, then the most repeated, then the first
    joins.sort_by(|a, b| a.1.stream.cmp(&b.1.stream).then(b.3.cmp(&a.3)).then(a.2.cmp(&b.2)));
    if let Some((url, service, at, _)) = joins.into_iter().next() {
        let stream = Stream {
            platform: Some(service.name.to_owned()),
            url: Some(url),
            label: None,
            note: None,
        };
        out.stream = Some((stream, format!("a link to {}", service.name), at));
        return out;
    }
    // no link: a statement, with the service it names and whether the
    // link is to follow
    if let Some(first) = stated.first() {
        let all: String = stated.iter().map(|l| fold(l.text)).collect::<Vec<_>>().join(" ");
        let platform = [
            ("zoom", "Zoom"),
            ("microsoft teams", "Microsoft Teams"),
            ("google meet", "Google Meet"),
            ("webex", "Webex"),
            ("jitsi", "Jitsi Meet"),
            ("gather", "Gather"),
            ("youtube", "YouTube"),
            ("twitch", "Twitch"),
        ]
        .iter()
        .find(|(w, _)| has_word(&all, w))
        .map(|(_, name)| (*name).to_owned());
        let to_follow = lines.iter().any(|l| {
            let lower = fold(l.text);
            TO_FOLLOW.iter().any(|w| lower.contains(w))
                && (lower.contains("link") || lower.contains("zoom") || lower.contains("detail"))
        });
        let stream = Stream {
            platform,
            url: None,
            label: None,
            note: to_follow.then(|| "details to follow".to_owned()),
        };
        out.stream = Some((stream, "the page says it is online or hybrid".to_owned(), first.at));
    }
    out
}

/// Whether a line says the event is online, hybrid or streamed (and not
/// that registering or submitting is done online).
fn says_online(text: &str) -> bool {
    let lower = fold(text);
    ONLINE_WORDS.iter().any(|w| has_word(&lower, w))
        && !ONLINE_OTHER.iter().any(|w| lower.contains(w))
        && !ONLINE_OTHER_WORDS.iter().any(|w| has_word(&lower, w))
        // a long paragraph mentioning "online" in passing says nothing
        && lower.chars().count() < 400
}

/// The line holding offset `at`: the last line starting at or before it.
fn line_at<'l, 'a>(lines: &'l [Line<'a>], at: usize) -> Option<&'l Line<'a>> {
    let i = lines.partition_point(|l| l.at <= at);
    let line = lines.get(i.checked_sub(1)?)?;
    // a link far after the line's start is in another block
    (at - line.at < 4000).then_some(line)
}

/// URLs written in the front matter (`location: … [(Zoom Link)](https://…)`,
/// `zoom: https://…`), with their offsets.
fn front_matter_links(reader: &Reader<'_>) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for f in &reader.split.fields {
        for word in f.value.split(|c: char| c.is_whitespace() || "()[]<>\"'".contains(c)) {
            if word.starts_with("https://") || word.starts_with("http://") {
                out.push((word.to_owned(), f.offset));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeting_links_are_ways_to_join_and_product_pages_are_not() {
        let name = |u: &str| service(u).map(|s| s.name);
        assert_eq!(name("https://illinois.zoom.us/j/81795451508?pwd=x"), Some("Zoom"));
        assert_eq!(name("https://zoom.us/download"), None);
        assert_eq!(name("https://zoom.us/rec/share/abc"), None);
        assert_eq!(name("https://meet.google.com/abc-defg-hij"), Some("Google Meet"));
        assert_eq!(
            name("https://teams.microsoft.com/l/meetup-join/19%3ameeting"),
            Some("Microsoft Teams")
        );
        assert_eq!(name("https://app.gather.town/events/aWWEy"), Some("Gather"));
        assert_eq!(name("https://discord.gg/qFQDT4v3"), None);
        assert_eq!(name("https://docs.google.com/forms/d/e/x/viewform"), None);
        assert_eq!(name("https://www.youtube.com/@MBZUAI/streams"), None);
        assert_eq!(name("https://www.youtube.com/live/abc"), Some("YouTube"));
    }

    #[test]
    fn registering_online_is_not_attending_online() {
        assert!(says_online("The workshop will be held online via Zoom."));
        assert!(says_online("Hybrid event: in person and streamed"));
        assert!(!says_online("Registrations will be online only."));
        assert!(!says_online("Submit your paper online through EasyChair"));
        assert!(!says_online("Virtualization and containers"));
    }
}
