//! The printable HTML (the export issue builds it out).
