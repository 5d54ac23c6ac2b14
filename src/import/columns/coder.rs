//! Finding the code of a cell's text: by its polars view when the text is short,
//! by its view within an array when views repeat, else by its bytes.

use polars::prelude::PlHashMap;

/// Codes of long texts by their view, within one array. A view of a long text
/// names its buffer and offset, so two equal views are the same bytes: a Parquet
/// dictionary column decodes to views of its dictionary, repeated, and a lookup
/// by view needs no hashing of bytes. Text parsed from CSV has a fresh offset per
/// cell (no view repeats), so the memo turns itself off when fewer than half of
/// its first lookups hit.
pub(super) struct ViewMemo {
    map: PlHashMap<u128, u32>,
    seen: usize,
    hits: usize,
    on: bool,
}

impl ViewMemo {
    /// Lookups made before deciding whether the memo pays.
    const TRIAL: usize = 4096;

    pub(super) fn new() -> ViewMemo {
        ViewMemo {
            map: PlHashMap::default(),
            seen: 0,
            hits: 0,
            on: true,
        }
    }

    pub(super) fn get(&mut self, view: u128) -> Option<u32> {
        if !self.on {
            return None;
        }
        self.seen += 1;
        let code = self.map.get(&view).copied();
        if code.is_some() {
            self.hits += 1;
        } else if self.seen >= Self::TRIAL && self.hits * 2 < self.seen {
            self.on = false;
            self.map = PlHashMap::default();
        }
        code
    }

    pub(super) fn put(&mut self, view: u128, code: u32) {
        if self.on {
            self.map.insert(view, code);
        }
    }
}

/// Finds or adds the code of a text. A text of up to 12 bytes sits whole in its
/// 16-byte polars view, so the view is the key (a city, year or value: no
/// hashing of bytes, no compare); longer texts (KPI codes) are looked up by their
/// bytes. Runs of one text (a city over many rows) are caught by comparing with
/// the previous view.
pub(super) struct Coder<'c> {
    words: &'c mut Vec<Box<str>>,
    index: &'c mut PlHashMap<Box<str>, u32>,
    inline: &'c mut PlHashMap<u128, u32>,
    max_words: usize,
    last: Option<(u128, u32)>,
}

impl<'c> Coder<'c> {
    pub(super) fn new(
        words: &'c mut Vec<Box<str>>,
        index: &'c mut PlHashMap<Box<str>, u32>,
        inline: &'c mut PlHashMap<u128, u32>,
        max_words: usize,
    ) -> Coder<'c> {
        Coder {
            words,
            index,
            inline,
            max_words,
            last: None,
        }
    }

    /// The code of a short text by its view; `None` past the limit of words.
    pub(super) fn short<'t>(&mut self, view: u128, text: impl FnOnce() -> &'t str) -> Option<u32> {
        if let Some((previous, code)) = self.last
            && previous == view
        {
            return Some(code);
        }
        let code = match self.inline.get(&view) {
            Some(&code) => code,
            None => {
                let code = self.by_text(text())?;
                self.inline.insert(view, code);
                code
            }
        };
        self.last = Some((view, code));
        Some(code)
    }

    /// The code of a text by its bytes; `None` past the limit of words.
    pub(super) fn by_text(&mut self, text: &str) -> Option<u32> {
        if let Some(&code) = self.index.get(text) {
            return Some(code);
        }
        if self.words.len() >= self.max_words {
            return None;
        }
        self.words.push(text.into());
        let code = self.words.len() as u32 - 1;
        self.index.insert(text.into(), code);
        Some(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_view_memo_turns_off_when_views_do_not_repeat() {
        let mut memo = ViewMemo::new();
        for view in 0..ViewMemo::TRIAL as u128 {
            assert_eq!(memo.get(view), None);
            memo.put(view, 0);
        }
        assert!(!memo.on && memo.map.is_empty(), "no view repeated: off");
        let mut memo = ViewMemo::new();
        memo.put(7, 3);
        for _ in 0..2 * ViewMemo::TRIAL {
            assert_eq!(memo.get(7), Some(3));
        }
        assert!(memo.on, "views repeat: on");
    }
}
