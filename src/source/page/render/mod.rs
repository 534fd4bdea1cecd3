//! Stage 1 of reading a page: the page as a browser shows it.
//!
//! Markdown (through pulldown-cmark, in the dialect of the site's
//! generator) and HTML (through a WHATWG tokenizer) become one shape:
//! blocks of visible text with their cells and byte offsets, plus what the
//! page carries besides visible text (its title, structured data, machine
//! dates) and its front matter. Later stages read this, never the raw page.

pub(crate) mod blocks;
pub(crate) mod frontmatter;
pub(crate) mod html;
mod kramdown;
pub(crate) mod markdown;
pub(crate) mod yaml;
