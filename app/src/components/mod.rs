pub mod configuration_select;
pub mod field;
pub mod globe;
pub mod list;
pub mod pager;
pub mod shell;
pub mod status;
pub mod tabs;
