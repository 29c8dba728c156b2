//! Stated definition changes: the clause after a change statement that
//! explains it by a change of scope (`data/change_reasons.csv`).
//!
//! A series jumps when what it counts changes: 机关运行经费 counted with the
//! projects' running costs one year and without them the next (口径调整), a
//! function transferred to another department (划转, 划出, 转隶), a reform
//! or a merger. Documents say so right after the change:
//! `…比上年减少4039.93万元，减少71.89%。主要原因是…此项支出口径有所变动…`.
//! The explanation is found where a reason marker (`主要原因是`, `主要是`,
//! `由于` …) follows the change statement — in the same sentence or the
//! next one, with no other figure in between — and is kept, up to the end
//! of its clause, only when it names a change of scope (the `definition`,
//! `reform`, `transfer`, `merger` rows): an ordinary reason (人员经费正常增长)
//! is not a definition change and is not reported.

use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::extract::text::Narrative;
use crate::rules::{self, RuleError};

const FILE: &str = "data/change_reasons.csv";
const TEXT: &str = include_str!("../../../data/change_reasons.csv");

/// The kinds of definition change, in the order they are reported.
pub const KINDS: &[&str] = &["definition", "reform", "transfer", "merger"];

/// Longest explanation kept, in characters (longer ones end in `…`).
const MAX_CHARS: usize = 200;
/// Longest distance, in characters, between the end of the change
/// statement and the reason marker (`，增长254.23%。此项数据变动较大的`).
const MAX_GAP: usize = 40;

/// A definition change the document states as the reason for a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatedReason {
    /// What kind of scope change the clause names, `;` separated in the
    /// order of [`KINDS`] (`reform;transfer`).
    pub kind: String,
    /// The explanation as printed, from its marker to the end of its
    /// clause (`主要原因是…口径调整…`).
    pub text: String,
    /// The page the explanation starts on.
    pub page: usize,
}

struct Rule {
    kind: String,
    re: Regex,
    unless: Option<Regex>,
}

struct Rules {
    markers: Vec<Regex>,
    kinds: Vec<Rule>,
}

#[derive(Deserialize)]
struct RuleRow {
    kind: String,
    pattern: String,
    unless: String,
}

fn read() -> Result<Rules, RuleError> {
    let mut out = Rules {
        markers: Vec::new(),
        kinds: Vec::new(),
    };
    for row in rules::load::<RuleRow>(FILE, TEXT)? {
        let r = &row.row;
        let re = row.regex(FILE, "pattern", &r.pattern)?;
        let unless = row.optional_regex(FILE, "unless", &r.unless)?;
        if r.kind == "marker" {
            if unless.is_some() {
                return Err(row.error(FILE, "unless", "a marker has no unless"));
            }
            out.markers.push(re);
        } else if KINDS.contains(&r.kind.as_str()) {
            out.kinds.push(Rule {
                kind: r.kind.clone(),
                re,
                unless,
            });
        } else {
            return Err(row.error(
                FILE,
                "kind",
                format!("unknown kind {} (marker, {})", r.kind, KINDS.join(", ")),
            ));
        }
    }
    if out.markers.is_empty() {
        return Err(RuleError {
            file: FILE,
            line: 1,
            column: "kind".into(),
            message: "no marker row".into(),
        });
    }
    Ok(out)
}

static RULES: OnceLock<Rules> = OnceLock::new();

fn table() -> &'static Rules {
    rules::get(&RULES, read)
}

/// Reads the rule table (see [`crate::rules::check_all`]).
pub(super) fn check() -> Result<(), RuleError> {
    rules::try_init(&RULES, read).map(|_| ())
}

/// A money figure: a gap holding one is another statement.
fn money_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"[0-9０-９]\s*(?:亿元|万元|千元|元)").expect("static pattern"))
}

/// The kinds of scope change a clause names (`;` separated), empty when
/// none.
pub fn kinds_in(clause: &str) -> String {
    let t = table();
    let mut found: Vec<&str> = Vec::new();
    for rule in &t.kinds {
        if rule.re.is_match(clause)
            && !rule.unless.as_ref().is_some_and(|u| u.is_match(clause))
            && !found.contains(&rule.kind.as_str())
        {
            found.push(&rule.kind);
        }
    }
    found.sort_by_key(|k| KINDS.iter().position(|x| x == k));
    found.join(";")
}

/// The definition change stated as the reason of the change statement
/// that ends at byte `from` of the narrative, if any: a reason marker
/// within [`MAX_GAP`] characters (no other money figure, no `；`, at most
/// one sentence end and no section heading in between), its clause up to
/// the next `。`/`；`, kept when it names a scope change.
pub fn stated_reason(n: &Narrative, headings: &[(usize, String)], from: usize) -> Option<StatedReason> {
    let text = n.text.as_str();
    let rest = text.get(from..)?;
    // The section ends the search: a reason never explains the section before.
    let limit = headings
        .iter()
        .map(|(o, _)| *o)
        .find(|o| *o > from)
        .map(|o| o - from)
        .unwrap_or(rest.len());
    let rest = rest.get(..limit)?;
    let t = table();
    let marker = t
        .markers
        .iter()
        .filter_map(|re| re.find(rest))
        .min_by_key(|m| m.start())?;
    let gap = &rest[..marker.start()];
    if gap.chars().count() > MAX_GAP
        || gap.contains(['；', ';', '\n'])
        || gap.matches('。').count() > 1
        || money_re().is_match(gap)
    {
        return None;
    }
    let after = &rest[marker.end()..];
    let end = after.find(['。', '；', ';', '\n']).unwrap_or(after.len());
    let clause = rest[marker.start()..marker.end() + end].trim();
    let kind = kinds_in(clause);
    if kind.is_empty() {
        return None;
    }
    let mut shown: String = clause.chars().take(MAX_CHARS).collect();
    if clause.chars().count() > MAX_CHARS {
        shown.push('…');
    }
    Some(StatedReason {
        kind,
        text: shown,
        page: n.page_at(from + marker.start()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn narrative(text: &str) -> Narrative {
        let (mut n, _) = crate::extract::text::narrative(&[]);
        n.text = text.to_string();
        n
    }

    /// The reason after the first occurrence of `after` in `text`.
    fn reason(text: &str, after: &str) -> Option<StatedReason> {
        let n = narrative(text);
        let at = text.find(after).expect("in text") + after.len();
        stated_reason(&n, &[], at)
    }

    #[test]
    fn the_table_loads_and_every_kind_has_rows() {
        let t = read().unwrap_or_else(|e| panic!("{e}"));
        for k in KINDS {
            assert!(t.kinds.iter().any(|r| r.kind == *k), "{k}");
        }
        assert!(!t.markers.is_empty());
    }

    #[test]
    fn real_wordings_of_a_definition_change() {
        // 江苏省人大办公厅 2017: the reason in the next sentence.
        let r = reason(
            "2017年本部门一般公共预算机关运行经费预算支出5619.31万元，比2016年增加4032.99万元，增加254.23%。\
             此项数据变动较大的原因是财政部对“机关运行经费”口径调整，将专项中包含的运行经费统计在这张表中。\
             十一、一般公共预算“三公”经费",
            "增加4032.99万元",
        )
        .expect("stated");
        assert_eq!(r.kind, "definition");
        assert_eq!(
            r.text,
            "原因是财政部对“机关运行经费”口径调整，将专项中包含的运行经费统计在这张表中"
        );
        // 江苏省委办公厅 2018.
        let r = reason(
            "机关运行经费预算支出2094.58万元，与上年相比减少8007.18万元，降低79.27%。主要原因是2018年“机关运行经费”统计口径发生调整，上下年度不具备可比性。",
            "减少8007.18万元",
        )
        .expect("stated");
        assert_eq!(r.kind, "definition");
        assert!(r.text.starts_with("主要原因是2018年"), "{}", r.text);
        // 江苏省政协办公厅 2017: what is counted where, without the word 口径.
        let r = reason(
            "机关运行经费支出预算3,348.98万元，比2016年增加2,173.13万元，增长184.81%。主要原因是根据财政部统一规定，项目支出中部分预算开支金额统计在行政运行经费中。其中：（1）办公费",
            "增加2,173.13万元",
        )
        .expect("stated");
        assert_eq!(r.kind, "definition");
        // 西安人社 2020: a transfer of functions.
        let r = reason(
            "工资福利支出（301）7804.52万元,全部为人员经费。较上年减少701.13万元，主要原因是随着部分职能划出人员减少, 本年度经费随之减少。",
            "减少701.13万元",
        )
        .expect("stated");
        assert_eq!(r.kind, "transfer");
        // The 2020 sample: a reform that moved functions.
        let r = reason(
            "比2019年预算减少1427.46万元，下降32.73%，主要是机构改革后职能减少，并响应上级指示压减预算。",
            "减少1427.46万元",
        )
        .expect("stated");
        assert_eq!(r.kind, "reform");
    }

    #[test]
    fn an_ordinary_reason_or_a_distant_one_is_no_definition_change() {
        // A reason that is not a change of scope.
        assert_eq!(
            reason(
                "基本支出2706.40万元，比上年增加54.30万元，主要原因是人员经费正常增长；项目支出730.00万元。",
                "增加54.30万元"
            ),
            None
        );
        // A pay reform changes spending, not what is counted.
        assert_eq!(
            reason(
                "与上年相比增加1483.8万元，增长13.69%。主要是因员额制检察官工资改革、退休干警增加及住房补贴政策调整等因素增加了支出。",
                "增加1483.8万元"
            ),
            None
        );
        // The explanation of the next figure is not this one's.
        assert_eq!(
            reason(
                "基本支出比上年增加54.30万元。项目支出730.00万元，比上年减少301.20万元，主要原因是职能划转。",
                "增加54.30万元"
            ),
            None
        );
        // Nor one after the next item of a list.
        assert_eq!(
            reason(
                "（2）政府特殊津贴16.32万元，较上年无变化；（3）主要原因是机构改革。",
                "无变化"
            ),
            None
        );
        // Nor one beyond the section.
        let text = "机关运行经费比上年增加10万元。\n十二、政府采购 主要原因是机构改革。";
        let n = narrative(text);
        let at = text.find("10万元").expect("in text") + "10万元".len();
        let heading = text.find("十二").expect("in text");
        assert_eq!(stated_reason(&n, &[(heading, "十二、政府采购".into())], at), None);
    }

    #[test]
    fn accounting_in_one_set_is_no_merger() {
        assert_eq!(kinds_in("主要是下属事业单位合并在市司法局本级核算"), "");
        assert_eq!(kinds_in("主要原因是两局合并"), "merger");
        assert_eq!(
            kinds_in("主要原因是机构改革后医疗保险相关职能划出"),
            "reform;transfer"
        );
    }
}
