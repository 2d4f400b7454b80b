//! Stable ids for the things a preparer adds, moves and deletes: a row keeps
//! its id (and so its DOM node, its focus and its findings) wherever it moves.
//! One type per kind, so a row's id cannot be passed where a project's belongs.

use std::sync::atomic::{AtomicU64, Ordering};

fn next() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(u64);

        impl $name {
            /// A fresh id, unique for the page's life.
            pub fn fresh() -> Self {
                Self(next())
            }

            /// The number, for DOM ids.
            pub fn raw(self) -> u64 {
                self.0
            }
        }
    };
}

id!(
    /// A project of the open document.
    ProjectId
);
id!(
    /// An indicator row of a project.
    RowId
);
id!(
    /// A paragraph of a department list, or a goal of a project.
    ParagraphId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_across_kinds() {
        let a = RowId::fresh();
        let b = RowId::fresh();
        let p = ProjectId::fresh();
        assert_ne!(a, b);
        assert_ne!(a.raw(), p.raw());
    }
}
