//! Every knob of the layout stage, with its unit and why it has its default.

/// Layout settings. Lengths given as a fraction of the font size scale with
/// the text; lengths in points are for graphics.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Two glyphs of the same text closer than this (fraction of their
    /// width) are one glyph painted twice. Word and WPS fake bold type by
    /// painting every glyph twice, offset by ~0.3 pt.
    pub duplicate_tolerance: f64,
    /// Glyphs whose vertical centres differ by less than this fraction of
    /// the font size are on the same line. 0.4 keeps a superscript on its
    /// line and two table rows 1.2 em apart separate.
    pub line_tolerance: f64,
    /// A horizontal gap wider than this fraction of the font size starts a
    /// new word. Justified Chinese text spreads characters by up to ~0.25
    /// em; a Latin word space is ~0.25–0.33 em, so Latin words need a
    /// smaller threshold: see `latin_word_gap`.
    pub cjk_word_gap: f64,
    /// Word-gap threshold when either side of the gap is Latin or a digit.
    pub latin_word_gap: f64,
    /// A gap wider than this fraction of the font size is a column gap
    /// (two spaces in the text view).
    pub column_gap: f64,
    /// Rules (stroked lines) closer than this many points along their
    /// cross axis are merged into one edge.
    pub snap_tolerance: f64,
    /// Collinear edges with a gap smaller than this (points) are joined.
    /// Word draws each cell border separately with hairline gaps.
    pub join_tolerance: f64,
    /// Filled rectangles thinner than this (points) are rules. Excel and
    /// WPS draw borders as 0.5–1 pt filled rectangles.
    pub max_rule_thickness: f64,
    /// Edges shorter than this (points) are ignored (underlines of single
    /// characters, tick marks).
    pub min_edge_length: f64,
    /// An edge ending within this distance (points) of another edge meets
    /// it.
    pub intersection_tolerance: f64,
    /// Whether to look for tables at all. Off, a page is lines only (the
    /// benchmark uses this to measure what tables cost).
    pub find_tables: bool,
    /// Whether vertical rules that touch no horizontal one, as tall as a
    /// table and beside it, border columns of that table (merged cells
    /// spanning the page). Off for the OCR's table pass, which blanks the
    /// tables before reading the rest of the page.
    pub side_rules: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            duplicate_tolerance: 0.3,
            line_tolerance: 0.4,
            cjk_word_gap: 0.6,
            latin_word_gap: 0.2,
            column_gap: 1.5,
            snap_tolerance: 2.0,
            join_tolerance: 3.0,
            max_rule_thickness: 2.5,
            min_edge_length: 5.0,
            intersection_tolerance: 2.5,
            find_tables: true,
            side_rules: true,
        }
    }
}

impl Settings {
    /// Rejects settings that cannot work (negative or absurd tolerances).
    pub fn validate(&self) -> Result<(), String> {
        let fractions = [
            ("duplicate_tolerance", self.duplicate_tolerance),
            ("line_tolerance", self.line_tolerance),
            ("cjk_word_gap", self.cjk_word_gap),
            ("latin_word_gap", self.latin_word_gap),
            ("column_gap", self.column_gap),
        ];
        for (name, v) in fractions {
            if !(0.0..=10.0).contains(&v) {
                return Err(format!(
                    "{name} must be between 0 and 10 (fraction of font size), got {v}"
                ));
            }
        }
        let points = [
            ("snap_tolerance", self.snap_tolerance),
            ("join_tolerance", self.join_tolerance),
            ("max_rule_thickness", self.max_rule_thickness),
            ("min_edge_length", self.min_edge_length),
            ("intersection_tolerance", self.intersection_tolerance),
        ];
        for (name, v) in points {
            if !(0.0..=100.0).contains(&v) {
                return Err(format!("{name} must be between 0 and 100 points, got {v}"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_nonsense_is_rejected() {
        assert!(Settings::default().validate().is_ok());
        let bad = Settings {
            line_tolerance: -1.0,
            ..Settings::default()
        };
        assert!(bad.validate().is_err());
    }
}
