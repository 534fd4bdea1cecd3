//! `symcal invite`, end to end: the London page's first and last versions,
//! a Google Forms CSV, an outbox, and a real SMTP server on 127.0.0.1.
//! Messages are read back with mail-parser, a MIME parser independent of
//! the lettre that wrote them.

mod util;

use std::path::{Path, PathBuf};

use mail_parser::{MessageParser, MimeHeaders, PartType};
use util::smtp::SmtpServer;
use util::{Run, symcal_env};

fn london(version: u32) -> String {
    let page = format!("fixtures/faimi/site/2025-london-symposium.v{version}.md");
    util::root().join(page).display().to_string()
}

fn registrations(name: &str) -> String {
    util::fixture(&format!("registrations/{name}.csv")).display().to_string()
}

/// Runs `symcal invite` with a fixed clock.
fn invite(source: &str, csv: &str, rest: &[&str]) -> Run {
    invite_env(source, csv, rest, &[])
}

fn invite_env(source: &str, csv: &str, rest: &[&str], env: &[(&str, &str)]) -> Run {
    let mut args = vec!["invite", source, "--attendees", csv];
    args.extend_from_slice(rest);
    let mut env = env.to_vec();
    env.push(("SOURCE_DATE_EPOCH", "1750000000"));
    symcal_env(&args, &env)
}

/// What a test needs to know of one message.
#[derive(Debug)]
struct Mail {
    to: String,
    subject: String,
    /// Content types, depth first, with their `method` parameter.
    structure: Vec<String>,
    /// The iMIP part.
    calendar: String,
    /// The invite.ics attachment.
    attachment: String,
    /// Every header name at the top level.
    header_names: Vec<String>,
}

fn parse(bytes: &[u8]) -> Mail {
    let message = MessageParser::default().parse(bytes).expect("a MIME message");
    let to = message.to().and_then(|a| a.first()).and_then(|a| a.address()).unwrap().to_owned();
    let mut structure = Vec::new();
    let mut calendar = String::new();
    let mut attachment = String::new();
    for part in &message.parts {
        let Some(ct) = part.content_type() else { continue };
        let mut shown = format!("{}/{}", ct.ctype(), ct.subtype().unwrap_or(""));
        if let Some(method) = ct.attribute("method") {
            shown.push_str(&format!(";method={method}"));
        }
        structure.push(shown);
        match (&part.body, ct.ctype(), ct.subtype()) {
            (PartType::Text(text), "text", Some("calendar")) => calendar = text.to_string(),
            (PartType::Binary(b) | PartType::InlineBinary(b), "application", Some("ics")) => {
                assert_eq!(part.attachment_name(), Some("invite.ics"));
                attachment = String::from_utf8(b.to_vec()).unwrap();
            }
            _ => {}
        }
    }
    let header_names = message.headers().iter().map(|h| h.name().to_owned()).collect();
    Mail {
        to,
        subject: message.subject().unwrap_or("").to_owned(),
        structure,
        calendar,
        attachment,
        header_names,
    }
}

/// Unfolded content lines.
fn lines(calendar: &str) -> Vec<String> {
    calendar.replace("\r\n ", "").split("\r\n").map(str::to_owned).collect()
}

fn property<'a>(lines: &'a [String], name: &str) -> Vec<&'a String> {
    lines
        .iter()
        .filter(|l| l.starts_with(name) && l[name.len()..].starts_with([':', ';']))
        .collect()
}

fn outbox(dir: &Path) -> Vec<(PathBuf, Mail)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .collect();
    files.sort();
    files.into_iter().map(|p| (p.clone(), parse(&std::fs::read(&p).unwrap()))).collect()
}

fn sequence(mail: &Mail) -> String {
    property(&lines(&mail.calendar), "SEQUENCE")[0].clone()
}

#[test]
fn london_v1_invites_three_v6_updates_them_and_a_rerun_sends_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("outbox");
    let state = dir.path().join("state.json");
    let o = out.to_str().unwrap();
    let s = state.to_str().unwrap();

    let run =
        invite(&london(1), &registrations("google-forms"), &["-o", o, "--state", s]).success();
    assert!(
        run.stderr.contains("row 3: `bob(at)example.org` is not an email address"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("google-forms.csv:3:1"), "{}", run.stderr);
    let first = outbox(&out);
    let recipients: Vec<&str> = first.iter().map(|(_, m)| m.to.as_str()).collect();
    assert_eq!(recipients, ["ada@example.org", "alan@example.org", "grace@example.org"]);
    for (path, mail) in &first {
        assert_eq!(
            mail.structure,
            [
                "multipart/mixed",
                "multipart/alternative",
                "text/plain",
                "text/html",
                "text/calendar;method=REQUEST",
                "application/ics"
            ],
            "{}",
            path.display()
        );
        assert_eq!(mail.calendar, mail.attachment);
        let l = lines(&mail.calendar);
        assert_eq!(l[4], "METHOD:REQUEST");
        let attendees = property(&l, "ATTENDEE");
        assert_eq!(attendees.len(), 1, "{attendees:?}");
        assert!(attendees[0].ends_with(&format!(":mailto:{}", mail.to)), "{}", attendees[0]);
        assert!(attendees[0].contains(";RSVP=TRUE"));
        let organizer = property(&l, "ORGANIZER");
        assert_eq!(organizer.len(), 1);
        assert!(organizer[0].ends_with(":mailto:eferrante@dc.uba.ar"), "{}", organizer[0]);
        assert_eq!(property(&l, "UID"), ["UID:2025-london-symposium@symcal"]);
        assert_eq!(sequence(mail), "SEQUENCE:0");
        assert!(mail.subject.starts_with("Invitation: Fairness of AI"), "{}", mail.subject);
    }
    // Ada answered "In person" both times; Alan and Grace "Online (Zoom)"
    let location = |mail: &Mail| property(&lines(&mail.calendar), "LOCATION")[0].clone();
    assert!(location(&first[0].1).contains("Imperial College London"));
    assert!(
        !location(&first[1].1).contains("Imperial College London"),
        "{}",
        location(&first[1].1)
    );

    let run =
        invite(&london(6), &registrations("google-forms"), &["-o", o, "--state", s]).success();
    assert!(run.stderr.contains("3 messages: 3 updates"), "{}", run.stderr);
    let second = outbox(&out);
    assert_eq!(second.len(), 6);
    let updates: Vec<&Mail> =
        second.iter().map(|(_, m)| m).filter(|m| sequence(m) == "SEQUENCE:1").collect();
    assert_eq!(updates.len(), 3);
    for mail in updates {
        assert_eq!(property(&lines(&mail.calendar), "UID"), ["UID:2025-london-symposium@symcal"]);
        assert!(mail.subject.starts_with("Updated invitation:"), "{}", mail.subject);
    }

    let before = std::fs::read(&state).unwrap();
    let run =
        invite(&london(6), &registrations("google-forms"), &["-o", o, "--state", s]).success();
    assert!(run.stderr.contains("nothing to send"), "{}", run.stderr);
    assert_eq!(outbox(&out).len(), 6);
    assert_eq!(std::fs::read(&state).unwrap(), before);
}

#[test]
fn the_same_run_writes_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str| {
        let out = dir.path().join(name);
        invite(&london(1), &registrations("google-forms"), &["-o", out.to_str().unwrap()])
            .success();
        outbox(&out).into_iter().map(|(p, _)| std::fs::read(p).unwrap()).collect::<Vec<_>>()
    };
    assert_eq!(write("a"), write("b"));
}

#[test]
fn cancel_reaches_everyone_invited_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("outbox");
    let o = out.to_str().unwrap();
    invite(&london(1), &registrations("google-forms"), &["-o", o]).success();
    let run = invite(&london(1), &registrations("google-forms"), &["-o", o, "--cancel"]).success();
    assert!(run.stderr.contains("3 messages: 3 cancellations"), "{}", run.stderr);
    let cancellations: Vec<Mail> = outbox(&out)
        .into_iter()
        .map(|(_, m)| m)
        .filter(|m| m.calendar.contains("METHOD:CANCEL"))
        .collect();
    assert_eq!(cancellations.len(), 3);
    for mail in &cancellations {
        let l = lines(&mail.calendar);
        assert_eq!(l[4], "METHOD:CANCEL");
        assert!(l.contains(&"STATUS:CANCELLED".to_owned()));
        assert_eq!(sequence(mail), "SEQUENCE:1");
        assert!(mail.structure.contains(&"text/calendar;method=CANCEL".to_owned()));
        assert!(mail.subject.starts_with("Cancelled:"), "{}", mail.subject);
    }
    let run = invite(&london(1), &registrations("google-forms"), &["-o", o, "--cancel"]).success();
    assert!(run.stderr.contains("nothing to send"), "{}", run.stderr);
}

#[test]
fn dry_run_says_who_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("outbox");
    let run = invite(
        &london(1),
        &registrations("google-forms"),
        &["-o", out.to_str().unwrap(), "--dry-run"],
    )
    .success();
    let stdout = String::from_utf8(run.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 3, "{stdout}");
    assert!(stdout.contains("would send invitation (SEQUENCE 0) of 2025-london-symposium@symcal to Ada Lovelace <ada@example.org>, in person"), "{stdout}");
    assert!(!out.exists());
}

#[test]
fn smtp_delivers_each_message_exactly_once_over_two_runs() {
    let server = SmtpServer::start();
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let args = ["--send", &server.url(), "--state", state.to_str().unwrap()];
    for _ in 0..2 {
        invite(&london(1), &registrations("google-forms"), &args).success();
    }
    let messages = server.messages();
    let mut to: Vec<String> = messages.iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(to, ["ada@example.org", "alan@example.org", "grace@example.org"]);
    for m in &messages {
        assert_eq!(m.from, "eferrante@dc.uba.ar");
        let mail = parse(&m.data);
        assert_eq!(m.to, std::slice::from_ref(&mail.to));
        assert!(mail.structure.contains(&"text/calendar;method=REQUEST".to_owned()));
        assert_eq!(property(&lines(&mail.calendar), "ATTENDEE").len(), 1);
    }
}

#[test]
fn a_run_stopped_by_a_refused_recipient_is_finished_by_the_next() {
    let server = SmtpServer::start();
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let args = ["--send", &server.url(), "--state", state.to_str().unwrap()];
    // the third message of the run goes to alan@example.org (registration order)
    server.refuse(Some("alan@example.org"));
    let run = invite(&london(1), &registrations("google-forms"), &args).failure();
    assert!(run.stderr.contains("2 of 3 delivered"), "{}", run.stderr);
    assert!(
        run.stderr.contains("the message to `alan@example.org` was not delivered"),
        "{}",
        run.stderr
    );
    assert_eq!(server.messages().len(), 2);
    // refused: recorded as such (issue 18), not as sent
    let recorded = symcal::invite::state::State::load(&state).unwrap();
    let event = &recorded.events["2025-london-symposium@symcal"];
    assert!(event.sent.contains_key("grace@example.org"));
    assert!(!event.sent.contains_key("alan@example.org"));
    assert!(event.refused.contains_key("alan@example.org"));

    server.refuse(None);
    let run = invite(&london(1), &registrations("google-forms"), &args).success();
    assert!(run.stderr.contains("1 message: 1 invitation"), "{}", run.stderr);
    let mut to: Vec<String> = server.messages().iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(to, ["ada@example.org", "alan@example.org", "grace@example.org"]);
}

#[test]
fn the_password_comes_from_the_environment_and_is_never_printed() {
    let server = SmtpServer::start();
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let url = format!("smtp://org%40example.org@127.0.0.1:{}", server.addr.port());
    let args = ["--send", &url, "--state", state.to_str().unwrap()];
    let run = invite_env(
        &london(1),
        &registrations("google-forms"),
        &args,
        &[("SYMCAL_SMTP_PASSWORD", "hunter2-secret")],
    )
    .success();
    assert!(!run.stderr.contains("hunter2"), "{}", run.stderr);
    assert!(
        server.auth().iter().all(|a| a == "org@example.org\0hunter2-secret"),
        "{:?}",
        server.auth()
    );
    assert_eq!(server.auth().len(), 3);

    let url = format!("smtp://me:hunter2-secret@127.0.0.1:{}", server.addr.port());
    let dir = tempfile::tempdir().unwrap();
    let refused_state = dir.path().join("x.json");
    let run = invite(
        &london(1),
        &registrations("google-forms"),
        &["--send", &url, "--state", refused_state.to_str().unwrap()],
    )
    .failure();
    assert!(!run.stderr.contains("hunter2"), "{}", run.stderr);
    assert!(run.stderr.contains("SYMCAL_SMTP_PASSWORD"), "{}", run.stderr);
    // refused before anything is written: no state, no lock
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn send_without_state_is_refused() {
    let run = invite(&london(1), &registrations("google-forms"), &["--send", "smtp://127.0.0.1:1"])
        .failure();
    assert!(run.stderr.contains("--send needs --state"), "{}", run.stderr);
}

#[test]
fn names_addresses_and_titles_cannot_add_headers() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("outbox");
    let source = util::fixture("json/hostile.json").display().to_string();
    let run = invite(&source, &registrations("hostile"), &["-o", out.to_str().unwrap()]).success();
    assert!(run.stderr.contains("row 3:"), "{}", run.stderr);
    assert!(run.stderr.contains("row 4:"), "{}", run.stderr);
    let mails = outbox(&out);
    assert_eq!(mails.len(), 2, "eve and trent");
    let allowed = [
        "From",
        "To",
        "Subject",
        "Date",
        "Message-ID",
        "Content-class",
        "MIME-Version",
        "Content-Type",
    ];
    for (path, mail) in &mails {
        for name in &mail.header_names {
            assert!(
                allowed.iter().any(|a| a.eq_ignore_ascii_case(name)),
                "{name} in {}",
                path.display()
            );
        }
        let l = lines(&mail.calendar);
        assert_eq!(property(&l, "ATTENDEE").len(), 1, "{}", mail.calendar);
        assert_eq!(l.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 1);
    }
    let trent = &mails.iter().find(|(_, m)| m.to == "trent@example.org").unwrap().1;
    assert!(!trent.subject.contains('\n'));
}

#[test]
fn build_with_state_gives_the_feed_the_invitations_sequence() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let s = state.to_str().unwrap();
    let build = |version: u32, out: &str| {
        let out = dir.path().join(out);
        let args = ["build", &london(version), "-o", out.to_str().unwrap(), "--state", s];
        symcal_env(&args, &[("SOURCE_DATE_EPOCH", "1750000000")]).success();
        let feed = std::fs::read_to_string(out.join("feed.ics")).unwrap();
        let event = std::fs::read_to_string(out.join("event.ics")).unwrap();
        (lines(&feed), lines(&event))
    };
    let (feed1, event1) = build(1, "v1");
    assert!(property(&feed1, "SEQUENCE").iter().all(|l| *l == "SEQUENCE:0"));
    assert_eq!(property(&feed1, "SEQUENCE").len(), property(&feed1, "UID").len());
    assert_eq!(property(&event1, "SEQUENCE"), ["SEQUENCE:0"]);

    // v6 renamed the event, which every session's description repeats
    let (feed6, event6) = build(6, "v6");
    assert_eq!(property(&feed6, "UID"), property(&feed1, "UID"));
    assert!(property(&feed6, "SEQUENCE").iter().all(|l| *l == "SEQUENCE:1"));
    assert_eq!(property(&event6, "SEQUENCE"), ["SEQUENCE:1"]);
    assert!(
        property(&feed6, "LAST-MODIFIED").iter().all(|l| *l == "LAST-MODIFIED:20250615T150640Z")
    );
    // unchanged: the same bytes, so the hosted feed keeps its ETag
    assert_eq!(build(6, "v6-again"), (feed6, event6));

    let out = dir.path().join("outbox");
    invite(
        &london(6),
        &registrations("google-forms"),
        &["-o", out.to_str().unwrap(), "--state", s],
    )
    .success();
    assert!(outbox(&out).iter().all(|(_, m)| sequence(m) == "SEQUENCE:1"));
}

#[test]
fn a_state_made_with_a_base_url_refuses_a_run_without_it() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let s = state.to_str().unwrap();
    let out = dir.path().join("site");
    let args = [
        "build",
        &london(6),
        "-o",
        out.to_str().unwrap(),
        "--state",
        s,
        "--base-url",
        "https://faimi.example/london/",
    ];
    symcal_env(&args, &[("SOURCE_DATE_EPOCH", "1750000000")]).success();
    let before = std::fs::read(&state).unwrap();
    let outbox = dir.path().join("outbox");
    let run = invite(
        &london(6),
        &registrations("google-forms"),
        &["-o", outbox.to_str().unwrap(), "--state", s],
    )
    .failure();
    assert!(
        run.stderr.contains(
            "made with `--base-url https://faimi.example/london/`, and this run has none"
        ),
        "{}",
        run.stderr
    );
    assert!(!outbox.join("2025-london-symposium-0-request-ada@example.org.eml").exists());
    assert_eq!(std::fs::read(&state).unwrap(), before);
    let with = [
        "-o",
        outbox.to_str().unwrap(),
        "--state",
        s,
        "--base-url",
        "https://faimi.example/london/",
    ];
    let run = invite(&london(6), &registrations("google-forms"), &with).success();
    assert!(run.stderr.contains("3 messages: 3 invitations"), "{}", run.stderr);
}

#[test]
fn issue_17_organizer_flag_gives_a_page_without_a_contact_its_organiser() {
    let dir = tempfile::tempdir().unwrap();
    let page = util::fixture("sites/two-schedules/ai-day/schedule.md");
    let csv = util::fixture("registrations/google-forms.csv");
    let out = dir.path().join("outbox");
    let args = |extra: &[&'static str]| {
        let mut a = vec![
            "invite".to_owned(),
            page.to_str().unwrap().to_owned(),
            "--attendees".to_owned(),
            csv.to_str().unwrap().to_owned(),
            "-o".to_owned(),
            out.to_str().unwrap().to_owned(),
        ];
        a.extend(extra.iter().map(|s| (*s).to_owned()));
        a
    };
    let run = |extra: &[&'static str]| {
        let a = args(extra);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        util::symcal_env(&a, &[("SOURCE_DATE_EPOCH", "1740000000")])
    };
    let refused = run(&[]).failure();
    assert!(refused.stderr.contains("names no organiser address"), "{}", refused.stderr);
    assert!(refused.stderr.contains("--organizer \"Name <address>\""), "{}", refused.stderr);
    let bad = run(&["--organizer", "Ada <ada>"]).failure();
    assert!(bad.stderr.contains("`--organizer Ada <ada>` is not a mail address"), "{}", bad.stderr);
    run(&["--organizer", "Ada Lovelace <ada@lab.org>"]).success();
    let mails = outbox(&out);
    assert_eq!(mails.len(), 3);
    for (_, m) in &mails {
        let lines = lines(&m.calendar);
        assert_eq!(property(&lines, "ORGANIZER"), ["ORGANIZER;CN=Ada Lovelace:mailto:ada@lab.org"]);
    }
}

#[test]
fn a_page_from_another_site_invites_from_its_contact_address() {
    // the page's `mailto:` link under "Write to the organisers" is the
    // organiser: no `--organizer` needed
    let page = util::fixture("pages/where/sentence-and-address.md").display().to_string();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("outbox");
    let o = out.to_str().unwrap();
    invite(&page, &registrations("google-forms"), &["-o", o]).success();
    let mails = outbox(&out);
    assert_eq!(mails.len(), 3);
    for (_, mail) in &mails {
        let l = lines(&mail.calendar);
        assert!(
            property(&l, "ORGANIZER")
                .iter()
                .any(|p| p.ends_with("mailto:rust-science@example.org")),
            "{l:?}"
        );
        assert!(property(&l, "LOCATION").iter().any(|p| p.contains("Campus of the Arts")), "{l:?}");
        assert!(mail.structure.contains(&"text/calendar;method=REQUEST".to_owned()));
    }
}

// Issue 18, "Hardening, round two": invitations and state.

#[cfg(unix)]
#[test]
fn issue_18_a_symlink_to_the_state_takes_the_same_lock() {
    use symcal::invite::lock::StateLock;
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    std::fs::write(&state, "").unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&state, &link).unwrap();
    let folder = dir.path().join("folder");
    std::os::unix::fs::symlink(dir.path(), &folder).unwrap();
    let held = StateLock::acquire(&state).unwrap();
    for other in [link.clone(), folder.join("state.json")] {
        let e = StateLock::acquire(&other).expect_err("a second name, the same file");
        assert!(e.to_string().contains("is in use by PID"), "{e}");
    }
    drop(held);
    // the other way round, and to a state that does not exist yet
    let held = StateLock::acquire(&link).unwrap();
    assert!(StateLock::acquire(&state).is_err());
    drop(held);
    let fresh = dir.path().join("fresh.json");
    let dangling = dir.path().join("dangling.json");
    std::os::unix::fs::symlink(&fresh, &dangling).unwrap();
    let _held = StateLock::acquire(&dangling).unwrap();
    assert!(StateLock::acquire(&fresh).is_err());
}

#[test]
fn issue_18_a_mistyped_smtp_url_never_shows_the_password() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    for url in [
        "smtp:/me:hunter2@127.0.0.1:2525",
        "smtp//me:hunter2@127.0.0.1:2525",
        "smtp://127.0.0.1:2525?password=hunter2",
        "smtp://127.0.0.1:2525?password=hun@ter2",
        "smtp://me:hunter2",
    ] {
        let run = invite(
            &london(1),
            &registrations("google-forms"),
            &["--send", url, "--state", state.to_str().unwrap()],
        )
        .failure();
        assert!(!run.stderr.contains("hunter2") && !run.stderr.contains("hun@"), "{}", run.stderr);
        assert!(run.stderr.contains("--send"), "{}", run.stderr);
    }
}

#[test]
fn issue_18_a_base_url_with_credentials_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let args = [
        "build",
        &london(6),
        "-o",
        out.to_str().unwrap(),
        "--base-url",
        "https://me:hunter2@faimi.example/london/",
    ];
    let run = symcal_env(&args, &[("SOURCE_DATE_EPOCH", "1750000000")]).failure();
    assert!(run.stderr.contains("holds a user name or password"), "{}", run.stderr);
    assert!(run.stderr.contains("https://faimi.example/london/"), "{}", run.stderr);
    assert!(!run.stderr.contains("hunter2"), "{}", run.stderr);
    assert!(!out.exists());
}

#[test]
fn issue_18_a_semicolon_csv_from_excel_is_read_and_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("outbox");
    let run = invite(&london(1), &registrations("excel-semicolon"), &["-o", out.to_str().unwrap()])
        .success();
    assert!(run.stderr.contains("separated by semicolons"), "{}", run.stderr);
    assert!(!run.stderr.contains("not an email address"), "{}", run.stderr);
    let to: Vec<String> = outbox(&out).into_iter().map(|(_, m)| m.to).collect();
    assert_eq!(to, ["ada@example.org", "grace@example.org"]);
}

#[test]
fn issue_18_a_registrations_file_past_the_limit_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("big.csv");
    let mut text = String::from("Email,Name\n");
    while text.len() <= 1 << 20 {
        text.push_str(&format!("p{}@example.org,P\n", text.len()));
    }
    std::fs::write(&csv, text).unwrap();
    let out = dir.path().join("outbox");
    let o = out.to_str().unwrap();
    let env = [("SYMCAL_ATTENDEES_MAX_MIB", "1")];
    let run =
        invite_env(&london(1), csv.to_str().unwrap(), &["-o", o, "--dry-run"], &env).failure();
    assert!(run.stderr.contains("larger than 1 MiB"), "{}", run.stderr);
    assert!(run.stderr.contains("SYMCAL_ATTENDEES_MAX_MIB"), "{}", run.stderr);
    let env = [("SYMCAL_ATTENDEES_MAX_MIB", "2")];
    invite_env(&london(1), csv.to_str().unwrap(), &["-o", o, "--dry-run"], &env).success();
}

#[test]
fn issue_18_dry_run_applies_a_leftover_journal_and_leaves_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("outbox");
    let state = dir.path().join("state.json");
    let (o, s) = (out.to_str().unwrap(), state.to_str().unwrap());
    let ada = dir.path().join("ada.csv");
    std::fs::write(&ada, "Email Address,Full name\nada@example.org,Ada Lovelace\n").unwrap();
    invite(&london(1), ada.to_str().unwrap(), &["-o", o, "--state", s]).success();
    // a run killed after sending to Grace, before folding its journal
    let journal = dir.path().join("state.json.journal");
    let line = |step: &str| {
        format!(
            r#"{{"step":"{step}","uid":"2025-london-symposium@symcal","delivery":{{"address":"grace@example.org","sequence":0,"method":"REQUEST"}}}}"#
        )
    };
    std::fs::write(&journal, format!("{}\n{}\n", line("sending"), line("sent"))).unwrap();
    let run =
        invite(&london(1), &registrations("google-forms"), &["-o", o, "--state", s, "--dry-run"])
            .success();
    let stdout = String::from_utf8(run.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains("to Alan Turing <alan@example.org>"), "{stdout}");
    assert!(run.stderr.contains("1 deliveries recorded from its journal"), "{}", run.stderr);
    assert!(journal.exists(), "a dry run writes nothing");
    // the real run agrees
    let run =
        invite(&london(1), &registrations("google-forms"), &["-o", o, "--state", s]).success();
    assert!(run.stderr.contains("1 message: 1 invitation"), "{}", run.stderr);
    assert!(!journal.exists());
}

#[test]
fn issue_18_an_outbox_run_removes_the_temporary_files_a_killed_run_left() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("outbox");
    std::fs::create_dir_all(&out).unwrap();
    let stale = out.join(".symcal-Ab12Cd");
    let fresh = out.join(".symcal-Ef34Gh");
    let other = out.join(".keep");
    for f in [&stale, &fresh, &other] {
        std::fs::write(f, "half a message").unwrap();
    }
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for f in [&stale, &other] {
        std::fs::File::options().write(true).open(f).unwrap().set_modified(hour_ago).unwrap();
    }
    let o = out.to_str().unwrap();
    let run = invite(&london(1), &registrations("google-forms"), &["-o", o, "--dry-run"]).success();
    assert!(stale.exists(), "a dry run removes nothing");
    assert!(!run.stderr.contains("temporary"), "{}", run.stderr);
    let run = invite(&london(1), &registrations("google-forms"), &["-o", o]).success();
    assert!(
        run.stderr.contains("removed 1 temporary file an interrupted run left in"),
        "{}",
        run.stderr
    );
    assert!(!stale.exists());
    assert!(fresh.exists(), "a minute old at most: perhaps another run's, being written");
    assert!(other.exists());
    assert_eq!(outbox(&out).len(), 3);
}

#[test]
fn issue_18_build_with_the_state_of_a_cancelled_event_does_not_publish_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let s = state.to_str().unwrap();
    let out = dir.path().join("outbox");
    let o = out.to_str().unwrap();
    invite(&london(1), &registrations("google-forms"), &["-o", o, "--state", s]).success();
    invite(&london(1), &registrations("google-forms"), &["-o", o, "--state", s, "--cancel"])
        .success();
    let before = std::fs::read(&state).unwrap();
    let site = dir.path().join("site");
    let build = |version: u32| {
        let args = ["build", &london(version), "-o", site.to_str().unwrap(), "--state", s];
        symcal_env(&args, &[("SOURCE_DATE_EPOCH", "1750000000")])
    };
    let run = build(1).failure();
    assert!(
        run.stderr.contains(
            "`2025-london-symposium@symcal` was called off with `symcal invite --cancel` (SEQUENCE 1)"
        ),
        "{}",
        run.stderr
    );
    assert!(!site.exists());
    assert_eq!(std::fs::read(&state).unwrap(), before);
    // the event on again, changed: a new version above the cancellation
    build(6).success();
    let event = lines(&std::fs::read_to_string(site.join("event.ics")).unwrap());
    assert_eq!(property(&event, "SEQUENCE"), ["SEQUENCE:2"]);
    assert_eq!(property(&event, "STATUS"), ["STATUS:CONFIRMED"]);
}

#[test]
fn issue_18_a_refused_address_is_recorded_and_the_others_still_go() {
    let server = SmtpServer::start();
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let args = ["--send", &server.url(), "--state", state.to_str().unwrap()];
    // the run goes to ada, grace, alan (registration order): grace is refused
    server.refuse(Some("grace@example.org"));
    let run = invite(&london(1), &registrations("google-forms"), &args).failure();
    let mut to: Vec<String> = server.messages().iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(to, ["ada@example.org", "alan@example.org"], "{}", run.stderr);
    assert!(
        run.stderr.contains("the server refused 1 message, to Grace Hopper <grace@example.org> (permanent error (550)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("2 of 3 delivered"), "{}", run.stderr);
    let recorded = std::fs::read_to_string(&state).unwrap();
    assert!(recorded.contains("\"refused\""), "{recorded}");
    assert!(recorded.contains("mailbox unavailable"), "{recorded}");
    // a rerun says so and tries Grace again; once through, she is recorded
    server.refuse(None);
    let run = invite(&london(1), &registrations("google-forms"), &args).success();
    assert!(
        run.stderr.contains(
            "the server refused 1 message last time, to grace@example.org; they are tried again"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("1 message: 1 invitation"), "{}", run.stderr);
    assert_eq!(server.messages().len(), 3);
    let recorded = std::fs::read_to_string(&state).unwrap();
    assert!(!recorded.contains("\"refused\""), "{recorded}");

    // refused, then gone from the sheet: forgotten, not reported for ever
    let other = dir.path().join("other.json");
    let args = ["--send", &server.url(), "--state", other.to_str().unwrap()];
    server.refuse(Some("alan@example.org"));
    invite(&london(1), &registrations("google-forms"), &args).failure();
    assert!(std::fs::read_to_string(&other).unwrap().contains("\"refused\""));
    let without_alan = dir.path().join("without-alan.csv");
    std::fs::write(&without_alan, "Email Address,Full name\nada@example.org,Ada Lovelace\n")
        .unwrap();
    let run = invite(&london(1), without_alan.to_str().unwrap(), &args).success();
    assert!(!std::fs::read_to_string(&other).unwrap().contains("\"refused\""));
    assert!(!run.stderr.contains("last time"), "{}", run.stderr);
}

#[test]
fn issue_18_internationalised_addresses_are_invited() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("outbox");
    let run = invite(&london(1), &registrations("international"), &["-o", out.to_str().unwrap()])
        .success();
    assert!(!run.stderr.contains("not an email address"), "{}", run.stderr);
    let mut to: Vec<String> = outbox(&out).into_iter().map(|(_, m)| m.to).collect();
    to.sort();
    assert_eq!(
        to,
        [
            "ada@example.org",
            "ann@xn--bcher-kva.example",
            "josé@example.org",
            "用户@xn--fsqu00a.xn--4rr70v"
        ]
    );
}

#[test]
fn issue_18_a_server_without_smtputf8_refuses_only_the_addresses_that_need_it() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let server = SmtpServer::start();
    let args = ["--send", &server.url(), "--state", state.to_str().unwrap()];
    // with SMTPUTF8 everyone is sent to, a UTF-8 domain as punycode
    invite(&london(1), &registrations("international"), &args).success();
    let mut to: Vec<String> = server.messages().iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(
        to,
        [
            "ada@example.org",
            "ann@xn--bcher-kva.example",
            "josé@example.org",
            "用户@xn--fsqu00a.xn--4rr70v"
        ]
    );

    let state = dir.path().join("other.json");
    let server = SmtpServer::start();
    server.without_smtputf8();
    let args = ["--send", &server.url(), "--state", state.to_str().unwrap()];
    let run = invite(&london(1), &registrations("international"), &args).failure();
    let mut to: Vec<String> = server.messages().iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(to, ["ada@example.org", "ann@xn--bcher-kva.example"], "{}", run.stderr);
    assert!(run.stderr.contains("the server refused 2 messages"), "{}", run.stderr);
    assert!(run.stderr.contains("does not offer SMTPUTF8"), "{}", run.stderr);
    assert!(run.stderr.contains("josé@example.org"), "{}", run.stderr);
}

#[test]
fn issue_18_a_temporary_refusal_stops_the_run_and_a_rerun_sends_the_rest() {
    let server = SmtpServer::start();
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let args = ["--send", &server.url(), "--state", state.to_str().unwrap()];
    // ada, grace, alan: a 451 for grace may pass later, so the run stops there
    server.defer(Some("grace@example.org"));
    let run = invite(&london(1), &registrations("google-forms"), &args).failure();
    let to: Vec<String> = server.messages().iter().flat_map(|m| m.to.clone()).collect();
    assert_eq!(to, ["ada@example.org"], "{}", run.stderr);
    assert!(run.stderr.contains("1 of 3 delivered"), "{}", run.stderr);
    assert!(run.stderr.contains("run the same command again"), "{}", run.stderr);
    assert!(!std::fs::read_to_string(&state).unwrap().contains("\"refused\""));
    server.defer(None);
    invite(&london(1), &registrations("google-forms"), &args).success();
    assert_eq!(server.messages().len(), 3);
}
