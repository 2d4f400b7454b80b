//! The rule codes of rules.md as a type: a misspelt code does not compile, and
//! each code finds its catalogue entry (`Code::rule`, in `rules::catalogue`)
//! by its position, not by searching text.

use std::fmt;

macro_rules! codes {
    ($($code:ident),* $(,)?) => {
        /// A rule of rules.md, in its order (A1 … G4).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($code),*
        }

        impl Code {
            /// Every code, in rules.md's order; `Code::ALL[c as usize] == c`.
            pub const ALL: &'static [Code] = &[$(Code::$code),*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$code => stringify!($code)),*
                }
            }
        }
    };
}

codes!(
    A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, A11, A12, //
    B1, B2, B3, B4, B5, B6, B7, B8, B9, B10, B11, B12, //
    C1, C2, C3, C4, C5, C6, C7, C8, C9, C10, C11, C12, C13, C14, C15, C16, C17, C18, //
    D1, D2, D3, D4, //
    E1, E2, E3, E4, E5, //
    F1, F2, F3, F4, F5, //
    G1, G2, G3, G4,
);

/// The sections of rules.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    Completeness,
    ValueForm,
    Category,
    Budget,
    SpendingPlan,
    Codes,
    Department,
}

impl Group {
    pub const ALL: [Group; 7] = [
        Group::Completeness,
        Group::ValueForm,
        Group::Category,
        Group::Budget,
        Group::SpendingPlan,
        Group::Codes,
        Group::Department,
    ];

    /// The section heading as the 规则说明 page shows it.
    pub fn title(self) -> &'static str {
        match self {
            Group::Completeness => "A. 完整性",
            Group::ValueForm => "B. 指标值的写法（细化量化）",
            Group::Category => "C. 指标归类与相关性",
            Group::Budget => "D. 预算金额",
            Group::SpendingPlan => "E. 资金支出计划",
            Group::Codes => "F. 编码与单位信息",
            Group::Department => "G. 部门整体绩效目标",
        }
    }
}

impl Code {
    /// Reads a code as written (`"C2"`); `None` for anything else.
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == text)
    }

    pub fn group(self) -> Group {
        match self.as_str().as_bytes()[0] {
            b'A' => Group::Completeness,
            b'B' => Group::ValueForm,
            b'C' => Group::Category,
            b'D' => Group::Budget,
            b'E' => Group::SpendingPlan,
            b'F' => Group::Codes,
            _ => Group::Department,
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_in_order_and_read_back() {
        for (i, c) in Code::ALL.iter().enumerate() {
            assert_eq!(*c as usize, i);
            assert_eq!(Code::parse(c.as_str()), Some(*c));
        }
        assert_eq!(Code::parse("A0"), None);
        assert_eq!(Code::parse("c2"), None);
        assert_eq!(Code::C17.group(), Group::Category);
        assert_eq!(Code::G4.to_string(), "G4");
    }
}
