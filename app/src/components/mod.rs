pub mod field;
pub mod globe;
pub mod shell;
