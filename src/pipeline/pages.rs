//! Page selections: `3`, `3-5`, `1,4-6,9`, `7-` (to the end).

/// A set of 1-based page numbers, as ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageSelection(Vec<(usize, Option<usize>)>);

impl std::str::FromStr for PageSelection {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut ranges = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let parse = |t: &str| {
                t.trim()
                    .parse::<usize>()
                    .ok()
                    .filter(|&n| n >= 1)
                    .ok_or_else(|| format!("'{t}' is not a page number (pages start at 1)"))
            };
            match part.split_once('-') {
                Some((a, b)) => {
                    let a = parse(a)?;
                    let b = if b.trim().is_empty() {
                        None
                    } else {
                        Some(parse(b)?)
                    };
                    if b.is_some_and(|b| b < a) {
                        return Err(format!("page range '{part}' runs backwards"));
                    }
                    ranges.push((a, b));
                }
                None => {
                    let n = parse(part)?;
                    ranges.push((n, Some(n)));
                }
            }
        }
        if ranges.is_empty() {
            return Err("empty page selection".into());
        }
        Ok(PageSelection(ranges))
    }
}

impl PageSelection {
    /// The selected pages of a document with `count` pages, in order,
    /// without duplicates.
    pub fn pages(&self, count: usize) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .0
            .iter()
            .flat_map(|&(a, b)| a..=b.unwrap_or(count).min(count))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ranges() {
        let sel: PageSelection = "1,4-6, 9-".parse().unwrap();
        assert_eq!(sel.pages(11), vec![1, 4, 5, 6, 9, 10, 11]);
        let sel: PageSelection = "3-5".parse().unwrap();
        assert_eq!(sel.pages(4), vec![3, 4]);
        assert!("0".parse::<PageSelection>().is_err());
        assert!("5-3".parse::<PageSelection>().is_err());
        assert!("x".parse::<PageSelection>().is_err());
    }
}
