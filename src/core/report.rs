//! The reports the commune hands in: the texts people write for them
//! ([`texts`]).

pub mod texts;
