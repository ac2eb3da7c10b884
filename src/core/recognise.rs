//! Recognising a programme in pasted text.
//!
//! Text pasted from a Word file or a web page first goes through
//! [`normalise`]: line ends, odd spaces, invisible characters, Word's symbol
//! bullets, and decomposed Vietnamese letters composed back with a table of
//! the Vietnamese letters only (see `scripts/make-vietnamese-nfc.py`), since
//! a Unicode normalisation crate would weigh on the WebAssembly build.

mod nfc_table;
mod normalise;

pub use normalise::normalise;
