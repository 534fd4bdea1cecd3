//! Who to invite: the registrations CSV, as Google Forms exports it (UTF-8
//! with a byte-order mark, CRLF, quoted fields holding commas and line
//! breaks, a `Timestamp` column first).
//!
//! Columns are found by their headers, so a form with extra questions still
//! works; each can be named outright when the guess is wrong. A row whose
//! address is not an address is reported by its spreadsheet row number and
//! skipped; a second registration from the same address (in any case) does
//! not give a second invitation.
//!
//! The separator is read from the header line: a comma, or a semicolon (what
//! Excel writes where the decimal mark is a comma, much of Europe) or a tab,
//! whichever the header has most of outside quotes; a run says which when it
//! is not a comma. A file is read up to [`MAX_BYTES`] (issue 18:
//! `--attendees /dev/zero` read until memory ran out).

use std::collections::HashMap;
use std::io::Read as _;
use std::path::Path;

use crate::diag::{Diagnostic, Location};
use crate::ical::Audience;
use crate::{Error, Result};

/// Which headers hold what, when they are not to be guessed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    /// The email column's header.
    pub email: Option<String>,
    /// The name column's header.
    pub name: Option<String>,
    /// The header of the question "how will you attend?".
    pub attendance: Option<String>,
}

/// One person to invite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registrant {
    /// The address, as written.
    pub email: String,
    /// Their name, on one line.
    pub name: Option<String>,
    /// In person, online, or not said.
    pub audience: Audience,
    /// The spreadsheet row (the header is row 1).
    pub row: usize,
}

/// The registrants, and what was wrong with the rows that were skipped.
#[derive(Debug)]
pub struct Registrations {
    /// One per address, in the order they first registered.
    pub registrants: Vec<Registrant>,
    /// Skipped rows and merged duplicates.
    pub diagnostics: Vec<Diagnostic>,
}

/// The largest registrations file [`read`] takes: 64 MiB. A Google Forms
/// export of 100,000 registrants with a dozen answers each is about 30 MB;
/// past this it is not a registrations file (`/dev/zero`, a disk image).
pub const MAX_BYTES: u64 = 64 << 20;

/// Reads the registrations at `path`, at most [`MAX_BYTES`] of them.
///
/// # Errors
///
/// If the file cannot be read, is larger than [`MAX_BYTES`], is not UTF-8
/// or CSV, or has no column of addresses.
pub fn read(path: &Path, columns: &Columns) -> Result<Registrations> {
    read_at_most(path, columns, MAX_BYTES)
}

/// [`read`], with another limit on the file's size, in bytes.
///
/// # Errors
///
/// As [`read`], with `limit` for [`MAX_BYTES`].
pub fn read_at_most(path: &Path, columns: &Columns, limit: u64) -> Result<Registrations> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    // one byte past the limit tells a file of exactly `limit` from a longer
    // one; a device or pipe has no length to check first
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(Error::invalid(vec![
            Diagnostic::error(format!(
                "the registrations file is larger than {}, the most symcal reads",
                size(limit)
            ))
            .at(Location::file(path))
            .help(format!(
                "give the CSV export of the form's answers; if it really is this large, raise the limit with {LIMIT_VARIABLE}=<MiB> (for `symcal invite`)"
            )),
        ]));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
        Error::invalid(vec![
            Diagnostic::error("the registrations file is not UTF-8")
                .at(Location::span(path, &text, at, 1))
                .help("export it again as CSV (UTF-8); Google Forms does this by default"),
        ])
    })?;
    parse(&text, path, columns)
}

/// The environment variable `symcal invite` reads a larger limit from, in
/// MiB.
pub const LIMIT_VARIABLE: &str = "SYMCAL_ATTENDEES_MAX_MIB";

/// "64 MiB", or bytes below one.
fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{bytes} bytes")
    }
}

/// The field separator a header line uses: the one of `,` `;` tab it has
/// most of outside quotes, a comma when it has none (one column) or a tie.
fn delimiter(text: &str) -> u8 {
    let header = text.trim_start_matches('\u{feff}');
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in header.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let (mut best, mut most) = (b',', counts[0]);
    for (d, n) in [(b';', counts[1]), (b'\t', counts[2])] {
        if n > most {
            (best, most) = (d, n);
        }
    }
    best
}

/// Reads registrations from `text`; `path` is used in diagnostics.
///
/// # Errors
///
/// If `text` is not CSV or has no column of addresses.
pub fn parse(text: &str, path: &Path, columns: &Columns) -> Result<Registrations> {
    let separator = delimiter(text);
    let mut reader =
        csv::ReaderBuilder::new().flexible(true).delimiter(separator).from_reader(text.as_bytes());
    let malformed = |e: csv::Error| {
        let line = e.position().map_or(1, |p| p.line() as usize);
        Error::invalid(vec![
            Diagnostic::error(format!("the registrations file is not CSV: {e}"))
                .at(Location::line_column(path, text, line, 1)),
        ])
    };
    let headers: Vec<String> =
        reader.headers().map_err(malformed)?.iter().map(|h| h.trim().to_owned()).collect();
    let found = Found::from_headers(&headers, columns, path)?;

    let mut registrants: Vec<Registrant> = Vec::new();
    let mut by_address: HashMap<String, usize> = HashMap::new();
    let mut diagnostics = Vec::new();
    if separator != b',' {
        let name = if separator == b';' { "semicolons" } else { "tabs" };
        diagnostics.push(
            Diagnostic::note(format!(
                "the registrations are separated by {name} (read from the header line)"
            ))
            .at(Location::line_column(path, text, 1, 1)),
        );
    }
    let mut lines = Lines::new(text);
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(malformed)?;
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let row = index + 2;
        let mut at = || match record.position() {
            Some(p) => lines.location(path, p.byte() as usize),
            None => Location::line_column(path, text, row, 1),
        };
        let email = record.get(found.email).unwrap_or("").trim();
        // lettre's own parser too: an address it refuses when composing
        // (`a..b@example.org`) must be a reported row, not a stopped run
        if !is_address(email) || email.parse::<lettre::Address>().is_err() {
            let shown = crate::diag::shown(email);
            let what = if email.is_empty() {
                "has no address".to_owned()
            } else {
                format!("`{shown}` is not an email address")
            };
            diagnostics.push(
                Diagnostic::warning(format!("row {row}: {what}; no invitation for this row"))
                    .at(at())
                    .help("correct the address in the sheet and run again: the others will not be sent twice"),
            );
            continue;
        }
        let name = found.name(&record);
        let audience = found.audience(&record);
        let registrant = Registrant { email: email.to_owned(), name, audience, row };
        match by_address.get(&email.to_ascii_lowercase()) {
            Some(&first) => {
                let earlier = registrants[first].row;
                diagnostics.push(
                    Diagnostic::note(format!(
                        "row {row}: `{email}` registered before, in row {earlier}; one invitation, with this row's answers"
                    ))
                    .at(at()),
                );
                let email = registrants[first].email.clone();
                registrants[first] = Registrant { row: earlier, email, ..registrant };
            }
            None => {
                by_address.insert(email.to_ascii_lowercase(), registrants.len());
                registrants.push(registrant);
            }
        }
    }
    Ok(Registrations { registrants, diagnostics })
}

/// The column indices in use.
struct Found {
    email: usize,
    name: Name,
    attendance: Option<usize>,
}

enum Name {
    Whole(usize),
    Parts(usize, usize),
    None,
}

impl Found {
    fn from_headers(headers: &[String], columns: &Columns, path: &Path) -> Result<Found> {
        let folded: Vec<String> = headers.iter().map(|h| h.to_lowercase()).collect();
        let named = |flag: &str, wanted: &Option<String>| -> Result<Option<usize>> {
            let Some(wanted) = wanted else { return Ok(None) };
            let wanted_folded = wanted.trim().to_lowercase();
            match folded.iter().position(|h| *h == wanted_folded) {
                Some(i) => Ok(Some(i)),
                None => Err(Error::invalid(vec![
                    Diagnostic::error(format!("no column is headed `{wanted}` ({flag})"))
                        .at(Location::file(path))
                        .help(format!("the headers are: {}", list(headers))),
                ])),
            }
        };
        let find = |test: &dyn Fn(&str) -> bool| folded.iter().position(|h| test(h));

        let email = match named("--email-column", &columns.email)? {
            Some(i) => i,
            None => find(&|h| h == "email address" || h == "email" || h == "e-mail")
                .or_else(|| find(&|h| h.contains("email") || h.contains("e-mail")))
                .ok_or_else(|| {
                    Error::invalid(vec![
                        Diagnostic::error("no column of email addresses")
                            .at(Location::file(path))
                            .help(format!(
                                "name it with --email-column; the headers are: {}",
                                list(headers)
                            )),
                    ])
                })?,
        };
        let part = |h: &str| {
            ["first", "given", "last", "family", "surname", "user"].iter().any(|p| h.contains(p))
        };
        let name = match named("--name-column", &columns.name)? {
            Some(i) => Name::Whole(i),
            None => match find(&|h| h.contains("name") && !part(h)) {
                Some(i) => Name::Whole(i),
                None => match (
                    find(&|h| h.contains("first") || h.contains("given")),
                    find(&|h| {
                        h.contains("last name") || h.contains("family") || h.contains("surname")
                    }),
                ) {
                    (Some(first), Some(last)) => Name::Parts(first, last),
                    (Some(first), None) => Name::Whole(first),
                    _ => Name::None,
                },
            },
        };
        let attendance = match named("--attendance-column", &columns.attendance)? {
            Some(i) => Some(i),
            None => find(&|h| {
                h.contains("attend") || h.contains("in person") || h.contains("participat")
            }),
        };
        Ok(Found { email, name, attendance })
    }

    fn name(&self, record: &csv::StringRecord) -> Option<String> {
        let field = |i: usize| one_line(record.get(i).unwrap_or(""));
        let name = match self.name {
            Name::Whole(i) => field(i),
            Name::Parts(first, last) => format!("{} {}", field(first), field(last)),
            Name::None => String::new(),
        };
        // a header line may not pass 998 octets (RFC 5322 §2.1.1); no one's
        // name is longer than this
        let name: String = name.trim().chars().take(MAX_NAME).collect();
        (!name.is_empty()).then_some(name)
    }

    fn audience(&self, record: &csv::StringRecord) -> Audience {
        let Some(answer) = self.attendance.and_then(|i| record.get(i)) else {
            return Audience::Everyone;
        };
        audience(answer)
    }
}

/// "In person" or "Online (Zoom)", or both or neither.
fn audience(answer: &str) -> Audience {
    let a = answer.to_lowercase();
    let in_person = ["in person", "in-person", "on site", "onsite", "on-site", "at the venue"]
        .iter()
        .any(|w| a.contains(w));
    let online =
        ["online", "zoom", "remote", "virtual", "stream", "teams"].iter().any(|w| a.contains(w));
    match (in_person, online) {
        (true, false) => Audience::InPerson,
        (false, true) => Audience::Online,
        _ => Audience::Everyone,
    }
}

/// Whether `s` looks like a mail address, an internationalised one too
/// (RFC 6531: letters beyond ASCII before and after the `@`, such as
/// `josé@example.org` or `用户@例子.广告`; issue 18). Spaces, controls and
/// the characters that would break a header or a list are refused; lettre's
/// parser then checks the rest.
fn is_address(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && s.chars().all(|c| match c {
            '@' => true,
            c if c.is_ascii() => c.is_ascii_graphic() && !"<>()[]\\,;:\"".contains(c),
            c => !c.is_whitespace() && !c.is_control(),
        })
}

/// Text for a single-line place (a name in a header): every run of white
/// space or control characters becomes one space, so a line break typed
/// into a form cannot start a new mail header.
pub(crate) fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The 1-based line of the record that csv places at byte `offset`.
/// The longest name used in a header, in characters.
const MAX_NAME: usize = 200;

/// Line numbers of byte offsets that only go forward, counted from where the
/// last one was: reading a CSV stays linear (counting from the start for
/// every row took minutes at 10,000 rows).
struct Lines<'a> {
    bytes: &'a [u8],
    at: usize,
    line: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        Lines { bytes: text.as_bytes(), at: 0, line: 1 }
    }

    /// Where the record at `offset` starts, with its line's text, found
    /// from the line start rather than by counting lines from the top of
    /// the file for each (issue 18: a file of 80,000 rows that all had to
    /// be reported took 85 s).
    fn location(&mut self, path: &Path, offset: usize) -> Location {
        let line = self.line_at(offset);
        let rest = &self.bytes[self.at..];
        let end = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
        let text = String::from_utf8_lossy(&rest[..end]);
        let mut location = Location::line_column(path, &text, 1, 1);
        if let crate::diag::Place::LineColumn { line: l, .. } = &mut location.place {
            *l = line;
        }
        location
    }

    fn line_at(&mut self, offset: usize) -> usize {
        // after a CRLF, csv's record position is the LF that ends the row before
        let mut offset = offset.min(self.bytes.len());
        while offset < self.bytes.len() && matches!(self.bytes[offset], b'\r' | b'\n') {
            offset += 1;
        }
        if offset < self.at {
            // not forward: count from the start
            self.at = 0;
            self.line = 1;
        }
        self.line += memchr::memchr_iter(b'\n', &self.bytes[self.at..offset]).count();
        self.at = offset;
        self.line
    }
}

fn list(headers: &[String]) -> String {
    headers.iter().map(|h| format!("`{}`", crate::diag::shown(h))).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOGLE: &str = "\u{feff}Timestamp,Email address,Full name,\"How will you attend?\",Affiliation\r\n\
        2025/06/01 10:00:00 AM GMT+1,ada@example.org,Ada Lovelace,In person,\"Analytical Engines, Ltd\"\r\n\
        2025/06/01 11:00:00 AM GMT+1,not-an-address,Bob,Online (Zoom),\r\n\
        2025/06/02 09:30:00 AM GMT+1,grace@example.org,\"Grace\r\nHopper\",Online (Zoom),Navy\r\n\
        2025/06/03 08:00:00 AM GMT+1,ADA@Example.org,Ada King,Online (Zoom),\r\n\
        2025/06/04 08:00:00 AM GMT+1,alan@example.org,Alan Turing,,\r\n";

    fn parse_google() -> Registrations {
        parse(GOOGLE, "r.csv".as_ref(), &Columns::default()).unwrap()
    }

    #[test]
    fn google_forms_export_reads_by_header() {
        let r = parse_google();
        let emails: Vec<_> = r.registrants.iter().map(|r| r.email.as_str()).collect();
        assert_eq!(emails, ["ada@example.org", "grace@example.org", "alan@example.org"]);
        assert_eq!(r.registrants[1].name.as_deref(), Some("Grace Hopper"));
        assert_eq!(r.registrants[1].audience, Audience::Online);
        assert_eq!(r.registrants[2].audience, Audience::Everyone);
        assert_eq!(r.registrants[2].row, 6);
    }

    #[test]
    fn issue_10_a_very_long_name_is_cut_to_fit_a_header_line() {
        let text = format!("Email,Name\nok@example.org,{}\n", "N".repeat(5000));
        let r = parse(&text, "r.csv".as_ref(), &Columns::default()).unwrap();
        assert_eq!(r.registrants[0].name.as_ref().unwrap().len(), MAX_NAME);
    }

    #[test]
    fn issue_10_an_address_lettre_refuses_is_a_reported_row() {
        let text = "Email,Name\na..b@example.org,Odd\nok@example.org,Ok\n";
        let r = parse(text, "r.csv".as_ref(), &Columns::default()).unwrap();
        assert_eq!(r.registrants.len(), 1);
        assert!(r.diagnostics[0].to_string().contains("row 2: `a..b@example.org`"));
    }

    #[test]
    fn issue_10_line_numbers_of_many_rows_are_counted_once() {
        let mut text = String::from("Email,Name\n");
        for i in 0..20_000 {
            text.push_str(&format!("p{i}@example.org,P\n"));
        }
        text.push_str("bad,Bad\n");
        let r = parse(&text, "r.csv".as_ref(), &Columns::default()).unwrap();
        assert_eq!(r.registrants.len(), 20_000);
        assert!(r.diagnostics[0].to_string().contains("r.csv:20002:1"), "{}", r.diagnostics[0]);
    }

    #[test]
    fn invalid_rows_are_reported_by_row_number() {
        let r = parse_google();
        let shown: Vec<String> = r.diagnostics.iter().map(ToString::to_string).collect();
        assert!(shown[0].contains("row 3: `not-an-address` is not an email address"), "{shown:?}");
        assert!(shown[0].contains("r.csv:3:1"), "{}", shown[0]);
        // after a field with a line break in it, rows and lines part ways
        assert!(shown[1].contains("row 5:") && shown[1].contains("r.csv:6:1"), "{}", shown[1]);
        let plain = GOOGLE.trim_start_matches('\u{feff}');
        let r = parse(plain, "r.csv".as_ref(), &Columns::default()).unwrap();
        assert!(r.diagnostics[1].to_string().contains("r.csv:6:1"));
    }

    #[test]
    fn a_repeated_address_in_any_case_is_one_registrant_with_the_later_answers() {
        let r = parse_google();
        let ada = &r.registrants[0];
        assert_eq!((ada.row, ada.name.as_deref()), (2, Some("Ada King")));
        assert_eq!(ada.audience, Audience::Online);
        assert!(
            r.diagnostics[1]
                .message
                .contains("row 5: `ADA@Example.org` registered before, in row 2")
        );
    }

    #[test]
    fn columns_can_be_named_and_a_wrong_name_lists_the_headers() {
        let text = "When,Contact,Who\r\nx,ada@example.org,Ada\r\n";
        let columns =
            Columns { email: Some("contact".into()), name: Some("Who".into()), attendance: None };
        let r = parse(text, "r.csv".as_ref(), &columns).unwrap();
        assert_eq!(r.registrants[0].email, "ada@example.org");
        assert_eq!(r.registrants[0].name.as_deref(), Some("Ada"));
        let err = parse(text, "r.csv".as_ref(), &Columns::default()).unwrap_err();
        let shown = err.diagnostics()[0].to_string();
        assert!(shown.contains("no column of email addresses"), "{shown}");
        assert!(shown.contains("`When`, `Contact`, `Who`"), "{shown}");
    }

    #[test]
    fn first_and_last_names_are_joined() {
        let text = "Email,First name,Last name\nada@example.org,Ada,Lovelace\n";
        let r = parse(text, "r.csv".as_ref(), &Columns::default()).unwrap();
        assert_eq!(r.registrants[0].name.as_deref(), Some("Ada Lovelace"));
    }

    #[test]
    fn hostile_fields_cannot_make_headers() {
        let text = "Email,Name\n\"ada@example.org\",\"Ada\r\nBcc: all@example.org\"\n\"eve@example.org\r\nBcc: x@y.org\",Eve\n";
        let r = parse(text, "r.csv".as_ref(), &Columns::default()).unwrap();
        assert_eq!(r.registrants.len(), 1);
        assert_eq!(r.registrants[0].name.as_deref(), Some("Ada Bcc: all@example.org"));
        assert_eq!(r.diagnostics.len(), 1);
    }

    #[test]
    fn issue_18_semicolons_and_tabs_are_read_from_the_header_line() {
        let excel = "E-mail;Name;\"Attend, how?\"\r\nada@example.org;Ada;In person\r\nbob@example.org;Bob;Online\r\n";
        let r = parse(excel, "r.csv".as_ref(), &Columns::default()).unwrap();
        let emails: Vec<_> = r.registrants.iter().map(|r| r.email.as_str()).collect();
        assert_eq!(emails, ["ada@example.org", "bob@example.org"]);
        assert_eq!(r.registrants[0].audience, Audience::InPerson);
        assert_eq!(r.diagnostics.len(), 1);
        assert!(
            r.diagnostics[0].message.contains("separated by semicolons"),
            "{:?}",
            r.diagnostics
        );
        let tabs = excel.replace(';', "\t");
        let r = parse(&tabs, "r.csv".as_ref(), &Columns::default()).unwrap();
        assert_eq!(r.registrants.len(), 2);
        assert!(r.diagnostics[0].message.contains("separated by tabs"));
        // a semicolon inside a quoted header does not count; a comma file says nothing
        assert_eq!(delimiter("Email,\"Name; full\",Attend\nx;y"), b',');
        assert!(parse_google().diagnostics.iter().all(|d| !d.message.contains("separated")));
        assert_eq!(delimiter("Email\n"), b',');
    }

    #[test]
    fn issue_18_a_file_past_the_limit_is_refused_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.csv");
        std::fs::write(&path, format!("Email\n{}", "a@example.org\n".repeat(100))).unwrap();
        assert_eq!(read_at_most(&path, &Columns::default(), 4096).unwrap().registrants.len(), 1);
        let e = read_at_most(&path, &Columns::default(), 1000).unwrap_err().to_string();
        assert!(e.contains("larger than 1000 bytes") && e.contains(LIMIT_VARIABLE), "{e}");
        #[cfg(unix)]
        {
            let e = read_at_most("/dev/zero".as_ref(), &Columns::default(), 1 << 20)
                .unwrap_err()
                .to_string();
            assert!(e.contains("larger than 1 MiB"), "{e}");
        }
    }

    #[test]
    fn issue_18_each_reported_row_shows_its_own_line() {
        let mut text = String::from("Email,Name\r\n");
        for i in 0..3000 {
            text.push_str(&format!("bad{i},P\r\n"));
        }
        let r = parse(&text, "r.csv".as_ref(), &Columns::default()).unwrap();
        assert_eq!(r.diagnostics.len(), 3000);
        let last = r.diagnostics[2999].to_string();
        assert!(last.contains("r.csv:3001:1") && last.contains("bad2999,P"), "{last}");
    }

    #[test]
    fn issue_18_internationalised_addresses_are_registrants() {
        let text = "Email\njosé@example.org\n用户@例子.广告\nann@bücher.example\nno space@x.org\na@b@c.org\n";
        let r = parse(text, "r.csv".as_ref(), &Columns::default()).unwrap();
        let emails: Vec<_> = r.registrants.iter().map(|r| r.email.as_str()).collect();
        assert_eq!(emails, ["josé@example.org", "用户@例子.广告", "ann@bücher.example"]);
        assert_eq!(r.diagnostics.len(), 2, "{:?}", r.diagnostics);
    }

    #[test]
    fn attendance_answers() {
        assert_eq!(audience("In person"), Audience::InPerson);
        assert_eq!(audience("Online (Zoom)"), Audience::Online);
        assert_eq!(audience("In person or online"), Audience::Everyone);
        assert_eq!(audience("Not sure yet"), Audience::Everyone);
    }
}
