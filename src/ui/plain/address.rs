//! The address of a page or step, as a hash: `#/project-2`, `#/rules/C3`.

use crate::core::code::Code;

use super::memory::StepKey;

/// What the address names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Address {
    Start,
    Step(StepKey),
    Rules(Option<Code>),
    /// 审核台.
    Desk,
}

pub fn parse(hash: &str) -> Address {
    let path = hash.trim_start_matches('#').trim_start_matches('/');
    if path.is_empty() {
        return Address::Start;
    }
    if path == "desk" {
        return Address::Desk;
    }
    if let Some(rest) = path.strip_prefix("rules") {
        return Address::Rules(Code::parse(rest.trim_start_matches('/')));
    }
    StepKey::parse(path).map_or(Address::Start, Address::Step)
}

pub fn text(address: Address) -> String {
    match address {
        Address::Start => String::new(),
        Address::Step(key) => format!("#/{}", key.key()),
        Address::Rules(None) => "#/rules".into(),
        Address::Rules(Some(code)) => format!("#/rules/{code}"),
        Address::Desk => "#/desk".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_read_back() {
        for a in [
            Address::Start,
            Address::Step(StepKey::Project(2)),
            Address::Step(StepKey::Review),
            Address::Rules(None),
            Address::Rules(Some(Code::C3)),
            Address::Desk,
        ] {
            assert_eq!(parse(&text(a)), a);
        }
        assert_eq!(parse("#nonsense"), Address::Start);
    }
}
