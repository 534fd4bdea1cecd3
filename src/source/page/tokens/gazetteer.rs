//! Places a page names and the zone each is in.
//!
//! Cities come from the tz database itself: every zone's exemplar city
//! (`America/New_York` → "New York"), as chrono-tz carries it, so the list
//! follows tzdb releases. Exemplars that are also common words or surnames
//! ("Phoenix", "Darwin", "Regina", "Mendoza", Antarctic stations) are left
//! out: a speaker's name must not set a zone. A small table adds countries
//! with one zone and large cities that are not exemplars; a name is matched
//! only as written with its capital, as a whole word.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

use chrono_tz::Tz;

/// Exemplar names that are also words, given names or surnames.
const NOT_PLACES: &[&str] = &[
    "Adelaide",
    "Darwin",
    "Victoria",
    "Regina",
    "Dawson",
    "Mendoza",
    "Phoenix",
    "Lindeman",
    "Currie",
    "Eucla",
    "Chatham",
    "Easter",
    "Wake",
    "Midway",
    "Johnston",
    "Palmer",
    "Casey",
    "Davis",
    "Mawson",
    "Troll",
    "Vostok",
    "Macquarie",
    "Marengo",
    "Knox",
    "Center",
    "Salem",
    "Beulah",
    "Jersey",
    "Stanley",
    "Canary",
    "Christmas",
    "Norfolk",
    "Reunion",
    "Cocos",
    "Mahe",
    "Nome",
    "Sitka",
    "Juneau",
    "Adak",
    "Boise",
    "Detroit",
    "Denver",
    "Edmonton",
    "Halifax",
    "Winnipeg",
    "Havana",
    "Jamaica",
    "Panama",
    "Belize",
    "Guatemala",
    "Chihuahua",
    "Monterrey",
    "Merida",
    "Cancun",
    "Matamoros",
    "Ojinaga",
    "Tijuana",
    "Mazatlan",
    "Hermosillo",
    "Bahia",
    "Belem",
    "Fortaleza",
    "Recife",
    "Maceio",
    "Araguaina",
    "Santarem",
    "Cuiaba",
    "Manaus",
    "Noronha",
    "Cordoba",
    "Salta",
    "Jujuy",
    "Catamarca",
    "Tucuman",
    "Ushuaia",
    "Montserrat",
    "Dominica",
    "Grenada",
    "Aruba",
    "Curacao",
    "Anguilla",
    "Marigot",
    "Thule",
    "Danmarkshavn",
    "Scoresbysund",
    "Nuuk",
    "Godthab",
    "Iqaluit",
    "Resolute",
    "Creston",
    "Whitehorse",
    "Inuvik",
    "Atikokan",
    "Moncton",
    "Menominee",
    "Yakutat",
    "Metlakatla",
    "Barnaul",
    "Chita",
    "Omsk",
    "Tomsk",
    "Famagusta",
    "Busingen",
    "Vaduz",
    "Gibraltar",
    "Guernsey",
    "Man",
    "Samara",
    "Saratov",
    "Astrakhan",
    "Ulyanovsk",
    "Volgograd",
    "Kirov",
    "Aden",
    "Kuching",
    "Dili",
    "Hovd",
    "Choibalsan",
    "Qostanay",
    "Aqtau",
    "Aqtobe",
    "Atyrau",
    "Oral",
    "Famagusta",
    "Faroe",
    "Madeira",
    "Azores",
    "Bermuda",
    "Apia",
    "Fiji",
    "Guam",
    "Saipan",
    "Efate",
    "Gambier",
    "Marquesas",
    "Tahiti",
    "Noumea",
    "Niue",
    "Nauru",
    "Palau",
    "Pitcairn",
    "Galapagos",
    "Kosrae",
    "Kwajalein",
    "Majuro",
    "Tarawa",
    "Kanton",
    "Enderbury",
    "Kiritimati",
    "Fakaofo",
    "Funafuti",
    "Tongatapu",
    "Rarotonga",
    "Wallis",
    "Bougainville",
    "Guadalcanal",
    "Pohnpei",
    "Chuuk",
    "Yap",
    "Truk",
    "Ponape",
    "Samoa",
    "Canberra",
    "Queensland",
    "Tasmania",
    "North",
    "South",
    "West",
    "ACT",
    "NSW",
    "Yancowinna",
    "LHI",
    "Currie",
    "Hobart",
    "Lord",
    "Eastern",
    "Central",
    "Mountain",
    "Pacific",
    "Atlantic",
    "Arizona",
    "Hawaii",
    "Alaska",
    "Michigan",
    "Samoa",
    "Universal",
    "Zulu",
    "Greenwich",
    "UCT",
    "UTC",
    "GMT",
    "Zone",
    "Navajo",
    "Poland",
    "Portugal",
    "Singapore",
    "Turkey",
    "Japan",
    "Israel",
    "Iran",
    "Egypt",
    "Eire",
    "Iceland",
    "Libya",
    "Cuba",
    "Kwajalein",
    "Jan",
    "Mayen",
    "Troll",
    "Rothera",
    "Syowa",
    "McMurdo",
    "DumontDUrville",
    "South_Pole",
    "Vincennes",
    "Winamac",
    "Petersburg",
    "Tell",
    "Vevay",
    "Louisville",
    "Monticello",
    "Knox",
    "Marengo",
    "Indianapolis",
];

/// Places that are not tzdb exemplar cities: countries with one zone and
/// large cities, as they are written.
const EXTRA: &[(&str, Tz)] = &[
    ("United Kingdom", Tz::Europe__London),
    ("England", Tz::Europe__London),
    ("Scotland", Tz::Europe__London),
    ("Wales", Tz::Europe__London),
    ("Ireland", Tz::Europe__Dublin),
    ("France", Tz::Europe__Paris),
    ("Germany", Tz::Europe__Berlin),
    ("Italy", Tz::Europe__Rome),
    ("Italia", Tz::Europe__Rome),
    ("Switzerland", Tz::Europe__Zurich),
    ("Austria", Tz::Europe__Vienna),
    ("Netherlands", Tz::Europe__Amsterdam),
    ("Belgium", Tz::Europe__Brussels),
    ("Sweden", Tz::Europe__Stockholm),
    ("Norway", Tz::Europe__Oslo),
    ("Denmark", Tz::Europe__Copenhagen),
    ("Finland", Tz::Europe__Helsinki),
    ("Poland", Tz::Europe__Warsaw),
    ("Czech Republic", Tz::Europe__Prague),
    ("Czechia", Tz::Europe__Prague),
    ("Hungary", Tz::Europe__Budapest),
    ("Greece", Tz::Europe__Athens),
    ("Romania", Tz::Europe__Bucharest),
    ("Turkey", Tz::Europe__Istanbul),
    ("Türkiye", Tz::Europe__Istanbul),
    ("Turkiye", Tz::Europe__Istanbul),
    ("Israel", Tz::Asia__Jerusalem),
    ("India", Tz::Asia__Kolkata),
    ("Pakistan", Tz::Asia__Karachi),
    ("Japan", Tz::Asia__Tokyo),
    ("Korea", Tz::Asia__Seoul),
    ("South Korea", Tz::Asia__Seoul),
    ("China", Tz::Asia__Shanghai),
    ("Taiwan", Tz::Asia__Taipei),
    ("Singapore", Tz::Asia__Singapore),
    ("Thailand", Tz::Asia__Bangkok),
    ("Vietnam", Tz::Asia__Ho_Chi_Minh),
    ("Philippines", Tz::Asia__Manila),
    ("United Arab Emirates", Tz::Asia__Dubai),
    ("UAE", Tz::Asia__Dubai),
    ("Qatar", Tz::Asia__Qatar),
    ("Saudi Arabia", Tz::Asia__Riyadh),
    ("Egypt", Tz::Africa__Cairo),
    ("Morocco", Tz::Africa__Casablanca),
    ("Nigeria", Tz::Africa__Lagos),
    ("Kenya", Tz::Africa__Nairobi),
    ("South Africa", Tz::Africa__Johannesburg),
    ("Argentina", Tz::America__Argentina__Buenos_Aires),
    ("Colombia", Tz::America__Bogota),
    ("Peru", Tz::America__Lima),
    ("New Zealand", Tz::Pacific__Auckland),
    ("Abu Dhabi", Tz::Asia__Dubai),
    ("Bangalore", Tz::Asia__Kolkata),
    ("Bengaluru", Tz::Asia__Kolkata),
    ("Mumbai", Tz::Asia__Kolkata),
    ("Delhi", Tz::Asia__Kolkata),
    ("New Delhi", Tz::Asia__Kolkata),
    ("Chennai", Tz::Asia__Kolkata),
    ("Hyderabad", Tz::Asia__Kolkata),
    ("Ahmedabad", Tz::Asia__Kolkata),
    ("Lahore", Tz::Asia__Karachi),
    ("Islamabad", Tz::Asia__Karachi),
    ("Beijing", Tz::Asia__Shanghai),
    ("Shenzhen", Tz::Asia__Shanghai),
    ("Osaka", Tz::Asia__Tokyo),
    ("Kyoto", Tz::Asia__Tokyo),
    ("Busan", Tz::Asia__Seoul),
    ("Daejeon", Tz::Asia__Seoul),
    ("Washington, DC", Tz::America__New_York),
    ("Washington DC", Tz::America__New_York),
    ("Washington, D.C.", Tz::America__New_York),
    ("Boston", Tz::America__New_York),
    ("Philadelphia", Tz::America__New_York),
    ("Pittsburgh", Tz::America__New_York),
    ("Atlanta", Tz::America__New_York),
    ("Miami", Tz::America__New_York),
    ("Baltimore", Tz::America__New_York),
    ("Princeton", Tz::America__New_York),
    ("Montreal", Tz::America__Toronto),
    ("Montréal", Tz::America__Toronto),
    ("Ottawa", Tz::America__Toronto),
    ("Quebec", Tz::America__Toronto),
    ("Houston", Tz::America__Chicago),
    ("Dallas", Tz::America__Chicago),
    ("Austin", Tz::America__Chicago),
    ("New Orleans", Tz::America__Chicago),
    ("Minneapolis", Tz::America__Chicago),
    ("Seattle", Tz::America__Los_Angeles),
    ("San Francisco", Tz::America__Los_Angeles),
    ("San Diego", Tz::America__Los_Angeles),
    ("San Jose", Tz::America__Los_Angeles),
    ("Palo Alto", Tz::America__Los_Angeles),
    ("Stanford", Tz::America__Los_Angeles),
    ("Berkeley", Tz::America__Los_Angeles),
    ("Portland, Oregon", Tz::America__Los_Angeles),
    ("Las Vegas", Tz::America__Los_Angeles),
    ("Salt Lake City", Tz::America__Denver),
    ("Calgary", Tz::America__Edmonton),
    ("Rio de Janeiro", Tz::America__Sao_Paulo),
    ("Munich", Tz::Europe__Berlin),
    ("München", Tz::Europe__Berlin),
    ("Hamburg", Tz::Europe__Berlin),
    ("Frankfurt", Tz::Europe__Berlin),
    ("Cologne", Tz::Europe__Berlin),
    ("Heidelberg", Tz::Europe__Berlin),
    ("Tübingen", Tz::Europe__Berlin),
    ("Geneva", Tz::Europe__Zurich),
    ("Lausanne", Tz::Europe__Zurich),
    ("Basel", Tz::Europe__Zurich),
    ("Bern", Tz::Europe__Zurich),
    ("Milan", Tz::Europe__Rome),
    ("Milano", Tz::Europe__Rome),
    ("Florence", Tz::Europe__Rome),
    ("Naples", Tz::Europe__Rome),
    ("Turin", Tz::Europe__Rome),
    ("Brixen", Tz::Europe__Rome),
    ("Bressanone", Tz::Europe__Rome),
    ("Barcelona", Tz::Europe__Madrid),
    ("Valencia", Tz::Europe__Madrid),
    ("Seville", Tz::Europe__Madrid),
    ("Porto", Tz::Europe__Lisbon),
    ("Lyon", Tz::Europe__Paris),
    ("Marseille", Tz::Europe__Paris),
    ("Toulouse", Tz::Europe__Paris),
    ("Grenoble", Tz::Europe__Paris),
    ("Nice", Tz::Europe__Paris),
    ("Strasbourg", Tz::Europe__Paris),
    ("Rotterdam", Tz::Europe__Amsterdam),
    ("Delft", Tz::Europe__Amsterdam),
    ("Utrecht", Tz::Europe__Amsterdam),
    ("Eindhoven", Tz::Europe__Amsterdam),
    ("Leuven", Tz::Europe__Brussels),
    ("Ghent", Tz::Europe__Brussels),
    ("Antwerp", Tz::Europe__Brussels),
    ("Edinburgh", Tz::Europe__London),
    ("Manchester", Tz::Europe__London),
    ("Oxford", Tz::Europe__London),
    ("Cambridge, UK", Tz::Europe__London),
    ("Glasgow", Tz::Europe__London),
    ("Cardiff", Tz::Europe__London),
    ("Bristol", Tz::Europe__London),
    ("Gothenburg", Tz::Europe__Stockholm),
    ("Uppsala", Tz::Europe__Stockholm),
    ("Kraków", Tz::Europe__Warsaw),
    ("Krakow", Tz::Europe__Warsaw),
    ("Brno", Tz::Europe__Prague),
    ("Ankara", Tz::Europe__Istanbul),
    ("Izmir", Tz::Europe__Istanbul),
    ("Tel Aviv", Tz::Asia__Jerusalem),
    ("Haifa", Tz::Asia__Jerusalem),
    ("Melbourne", Tz::Australia__Melbourne),
    ("Marrakesh", Tz::Africa__Casablanca),
    ("Marrakech", Tz::Africa__Casablanca),
    ("Cape Town", Tz::Africa__Johannesburg),
];

/// Names by their first word, longest first, so a line is looked up word
/// by word instead of searched once per name.
fn table() -> &'static BTreeMap<String, Vec<(String, Tz)>> {
    static TABLE: OnceLock<BTreeMap<String, Vec<(String, Tz)>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut names: BTreeMap<String, Tz> = BTreeMap::new();
        for tz in chrono_tz::TZ_VARIANTS {
            let name = tz.name();
            let parts: Vec<&str> = name.split('/').collect();
            let ok_area =
                matches!(parts[0], "Europe" | "Asia" | "America" | "Africa" | "Australia")
                    || name == "Pacific/Auckland"
                    || name == "Pacific/Honolulu";
            // a sub-region's zones (`America/Indiana/Knox`) are not cities people name
            let city = match parts.as_slice() {
                [_, city] => Some(*city),
                ["America", "Argentina", "Buenos_Aires"] => Some("Buenos_Aires"),
                _ => None,
            };
            let Some(city) = city.filter(|_| ok_area) else { continue };
            if NOT_PLACES.contains(&city) || city.chars().next().is_some_and(|c| !c.is_uppercase())
            {
                continue;
            }
            // backward links (`Asia/Calcutta`) name the same place as their target
            names.entry(city.replace('_', " ")).or_insert(tz);
        }
        for &(name, tz) in EXTRA {
            names.insert(name.to_owned(), tz);
        }
        let mut by_first: BTreeMap<String, Vec<(String, Tz)>> = BTreeMap::new();
        for (name, tz) in names {
            let first = name.split([' ', ',', '-']).next().unwrap_or("").to_owned();
            by_first.entry(first).or_default().push((name, tz));
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|n| std::cmp::Reverse(n.0.len()));
        }
        by_first
    })
}

/// A place named in text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Place {
    pub(crate) name: String,
    pub(crate) zone: Tz,
    pub(crate) range: Range<usize>,
}

/// Every place in `text`, the longest name where two start together.
pub(crate) fn find(text: &str) -> Vec<Place> {
    let table = table();
    let mut out: Vec<Place> = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let word_len = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
        if word_len == 0 {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let starts_word = !text[..i].chars().next_back().is_some_and(char::is_alphanumeric);
        if starts_word
            && rest.starts_with(char::is_uppercase)
            && let Some(list) = table.get(&rest[..word_len])
        {
            let hit = list.iter().find(|(name, _)| {
                rest.starts_with(name.as_str())
                    && !rest[name.len()..].chars().next().is_some_and(char::is_alphanumeric)
            });
            if let Some((name, zone)) = hit {
                out.push(Place { name: name.clone(), zone: *zone, range: i..i + name.len() });
                i += name.len();
                continue;
            }
        }
        i += word_len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zones(text: &str) -> Vec<&'static str> {
        find(text).into_iter().map(|p| p.zone.name()).collect()
    }

    #[test]
    fn cities_and_countries() {
        assert_eq!(zones("ST Center, Seoul, Korea"), ["Asia/Seoul", "Asia/Seoul"]);
        assert_eq!(zones("New York, New York"), ["America/New_York", "America/New_York"]);
        assert_eq!(zones("Universidad de Buenos Aires"), ["America/Argentina/Buenos_Aires"]);
        assert_eq!(zones("San Diego, California"), ["America/Los_Angeles"]);
        assert_eq!(zones("Türkiye"), ["Europe/Istanbul"]);
    }

    #[test]
    fn names_that_are_not_places() {
        assert!(zones("Alexis Palmer and Charles Darwin in Phoenix").is_empty());
        assert!(zones("UC Davis").is_empty());
        assert!(zones("londonderry vancouverite").is_empty());
    }
}
