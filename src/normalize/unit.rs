//! Units: 元 / 千元 / 万元 / 亿元 → canonical yuan, and the other canonical
//! units of the output contract (person, count, vehicle, m2, pct).

use rust_decimal::Decimal;
use serde::Serialize;

/// A money unit as printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum MoneyUnit {
    #[serde(rename = "元")]
    Yuan,
    #[serde(rename = "千元")]
    Thousand,
    #[serde(rename = "万元")]
    TenThousand,
    #[serde(rename = "亿元")]
    HundredMillion,
}

impl MoneyUnit {
    /// Recognises `元`, `千元`, `万元`, `亿元` (and `万` alone).
    pub fn parse(text: &str) -> Option<MoneyUnit> {
        Some(match text.trim() {
            "元" => MoneyUnit::Yuan,
            "千元" => MoneyUnit::Thousand,
            "万元" | "万" => MoneyUnit::TenThousand,
            "亿元" | "亿" => MoneyUnit::HundredMillion,
            _ => return None,
        })
    }

    /// How many yuan one printed unit is.
    pub fn factor(self) -> Decimal {
        match self {
            MoneyUnit::Yuan => Decimal::ONE,
            MoneyUnit::Thousand => Decimal::from(1_000),
            MoneyUnit::TenThousand => Decimal::from(10_000),
            MoneyUnit::HundredMillion => Decimal::from(100_000_000),
        }
    }

    /// As printed.
    pub fn as_str(self) -> &'static str {
        match self {
            MoneyUnit::Yuan => "元",
            MoneyUnit::Thousand => "千元",
            MoneyUnit::TenThousand => "万元",
            MoneyUnit::HundredMillion => "亿元",
        }
    }
}

/// Converts an amount in a printed unit to yuan, exactly, with two
/// decimals (the 分).
///
/// ```
/// use yusuan::normalize::unit::{to_yuan, MoneyUnit};
/// use rust_decimal::Decimal;
/// use std::str::FromStr;
/// let v = to_yuan(Decimal::from_str("2934.45").unwrap(), MoneyUnit::TenThousand);
/// assert_eq!(v.to_string(), "29344500.00");
/// ```
pub fn to_yuan(amount: Decimal, unit: MoneyUnit) -> Decimal {
    let mut v = amount * unit.factor();
    // Keep at least two decimals so every yuan value prints as 0.00, but
    // never drop digits a figure really has (12.345元 stays exact).
    if v.scale() < 2 {
        v.rescale(2);
    }
    v.normalize_to_min_scale(2)
}

trait MinScale {
    fn normalize_to_min_scale(self, min: u32) -> Decimal;
}

impl MinScale for Decimal {
    fn normalize_to_min_scale(self, min: u32) -> Decimal {
        let mut n = self.normalize();
        if n.scale() < min {
            n.rescale(min);
        }
        n
    }
}

/// Canonical output units of the contract.
pub mod canonical {
    pub const YUAN: &str = "yuan";
    pub const PERSON: &str = "person";
    pub const COUNT: &str = "count";
    pub const VEHICLE: &str = "vehicle";
    pub const M2: &str = "m2";
    pub const PCT: &str = "pct";
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("decimal")
    }

    #[test]
    fn conversions_are_exact() {
        assert_eq!(
            to_yuan(d("2934.45"), MoneyUnit::TenThousand).to_string(),
            "29344500.00"
        );
        assert_eq!(
            to_yuan(d("-2627.46"), MoneyUnit::TenThousand).to_string(),
            "-26274600.00"
        );
        assert_eq!(
            to_yuan(d("193018000"), MoneyUnit::Yuan).to_string(),
            "193018000.00"
        );
        assert_eq!(to_yuan(d("1.5"), MoneyUnit::Thousand).to_string(), "1500.00");
        assert_eq!(
            to_yuan(d("0.123456"), MoneyUnit::HundredMillion).to_string(),
            "12345600.00"
        );
        assert_eq!(to_yuan(d("12.345"), MoneyUnit::Yuan).to_string(), "12.345");
        assert_eq!(to_yuan(d("0"), MoneyUnit::TenThousand).to_string(), "0.00");
    }

    #[test]
    fn unit_names() {
        assert_eq!(MoneyUnit::parse("万元"), Some(MoneyUnit::TenThousand));
        assert_eq!(MoneyUnit::parse("元"), Some(MoneyUnit::Yuan));
        assert_eq!(MoneyUnit::parse("美元"), None);
    }
}
