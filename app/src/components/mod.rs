pub mod field;
pub mod globe;
pub mod pager;
pub mod shell;
