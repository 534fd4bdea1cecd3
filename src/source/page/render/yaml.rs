//! YAML with its aliases bounded. yaml-rust2 copies an anchored node for
//! every alias to it and offers no limit, so 592 bytes of nested aliases
//! (the "billion laughs") grew to gigabytes. The document is walked once
//! as events first, counting the nodes each alias would copy; one that
//! copies more than [`MAX_ALIASED`] is refused before anything is copied.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;
use yaml_rust2::{Yaml, YamlLoader};

/// The most nodes aliases may add to a document: front matter and site
/// configurations use an alias or two to repeat a block (a few dozen
/// nodes); a thousand times that is still read in milliseconds.
pub(crate) const MAX_ALIASED: usize = 100_000;

/// YAML that was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refused {
    /// Its aliases would add more than [`MAX_ALIASED`] nodes; `at` is the
    /// byte offset of the alias that went over.
    Aliases { at: usize },
    /// It is not YAML (the parser's message).
    Syntax,
}

/// The documents of `text`, or why they were not read.
pub(crate) fn load(text: &str) -> Result<Vec<Yaml>, Refused> {
    let mut count = Count::default();
    // a syntax error is left to the loader, which finds it again
    let _ = Parser::new_from_str(text).load(&mut count, true);
    if let Some(at) = count.over {
        // the parser counts characters; a location wants bytes
        let at = text.char_indices().nth(at).map_or(text.len(), |(i, _)| i);
        return Err(Refused::Aliases { at });
    }
    YamlLoader::load_from_str(text).map_err(|_| Refused::Syntax)
}

/// How many nodes each node is, once its aliases are copied.
#[derive(Debug, Default)]
struct Count {
    /// The open sequences and mappings: anchor id and nodes so far.
    open: Vec<(usize, usize)>,
    /// Nodes of each anchored node, by anchor id.
    anchors: std::collections::HashMap<usize, usize>,
    /// Nodes added by aliases so far.
    aliased: usize,
    /// Where the aliases went over the bound (a character index).
    over: Option<usize>,
}

impl Count {
    /// A finished node of `nodes` nodes, anchored as `anchor` (0: none).
    fn node(&mut self, anchor: usize, nodes: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, nodes);
        }
        if let Some((_, parent)) = self.open.last_mut() {
            *parent = parent.saturating_add(nodes);
        }
    }
}

impl MarkedEventReceiver for Count {
    fn on_event(&mut self, event: Event, mark: Marker) {
        if self.over.is_some() {
            return;
        }
        match event {
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                self.open.push((anchor, 1));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((anchor, nodes)) = self.open.pop() {
                    self.node(anchor, nodes);
                }
            }
            Event::Scalar(_, _, anchor, _) => self.node(anchor, 1),
            Event::Alias(id) => {
                let nodes = self.anchors.get(&id).copied().unwrap_or(1);
                self.aliased = self.aliased.saturating_add(nodes);
                if self.aliased > MAX_ALIASED {
                    self.over = Some(mark.index());
                    return;
                }
                self.node(0, nodes);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Nine levels of nine aliases each: 9⁹ copies of one string.
    fn laughs() -> String {
        let mut text = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        for (prev, name) in ('a'..='i').zip('b'..='j') {
            let refs = vec![format!("*{prev}"); 9].join(",");
            text.push_str(&format!("{name}: &{name} [{refs}]\n"));
        }
        text
    }

    #[test]
    fn nested_aliases_are_refused_where_they_go_over() {
        let text = laughs();
        assert!(text.len() < 600, "{}", text.len());
        let Err(Refused::Aliases { at }) = load(&text) else { panic!("read") };
        assert_eq!(&text[at..at + 1], "*");
    }

    #[test]
    fn an_alias_or_two_reads_as_before() {
        let text = "base: &base {city: Lyon, room: A}\nday1: *base\nday2: *base\n";
        assert_eq!(load(text), YamlLoader::load_from_str(text).map_err(|_| Refused::Syntax));
        assert_eq!(load("a: [b"), Err(Refused::Syntax));
    }
}
