//! How far a long run has come, on a terminal: a site of thousands of
//! pages, invitations to thousands of registrants over SMTP. The bar is
//! drawn only when standard error is a terminal; logs and pipes get the
//! same lines as without it, and nothing else.

use std::io::IsTerminal as _;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A bar under the run's own lines, or nothing.
pub(super) struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A bar for `total` steps of `what` (`reading pages`), if standard
    /// error is a terminal that draws (not `TERM=dumb`).
    pub(super) fn new(total: usize, what: &str) -> Progress {
        let terminal =
            std::io::stderr().is_terminal() && std::env::var_os("TERM").is_none_or(|t| t != "dumb");
        Progress::drawn(total, what, terminal)
    }

    fn drawn(total: usize, what: &str, terminal: bool) -> Progress {
        if !terminal || total == 0 {
            return Progress { bar: None };
        }
        let style = ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} {wide_msg}")
            .expect("a valid template")
            .progress_chars("=> ");
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr())
            .with_style(style)
            .with_prefix(what.to_owned());
        Progress { bar: Some(bar) }
    }

    /// `done` steps are over; `now` is the one under way.
    pub(super) fn at(&self, done: usize, now: &str) {
        if let Some(bar) = &self.bar {
            bar.set_position(done as u64);
            bar.set_message(now.to_owned());
        }
    }

    /// One more step is over.
    pub(super) fn step(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    /// A line of the run's own output, above the bar when there is one.
    pub(super) fn line(&self, text: &str) {
        match &self.bar {
            Some(bar) => bar.println(text),
            None => eprintln!("{text}"),
        }
    }
}

impl Drop for Progress {
    /// The bar goes; the lines printed above it stay.
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_only_on_a_terminal_and_only_with_steps() {
        assert!(Progress::drawn(10, "x", true).bar.is_some());
        assert!(Progress::drawn(10, "x", false).bar.is_none());
        assert!(Progress::drawn(0, "x", true).bar.is_none());
        // without a bar, steps and positions are nothing
        let quiet = Progress::drawn(10, "x", false);
        quiet.at(3, "page.md");
        quiet.step();
    }
}
