//! Convene's registration widget: the form an event website embeds with one tag,
//! `<convene-registration event="…" token="…">` (or `<div data-convene-registration …>`),
//! after the module script `widget/convene-registration.js` (which finds the elements and
//! loads this WASM).
//!
//! `form` is the widget without the page (the event, the attendee's entry, the API's own
//! checks from `convene-types`, the wording of answers in English and French) and `read`
//! reads the Events API's answers; both are tested natively. `page` is what the page
//! script asks: the form to build, what to send, what an answer means.

#![cfg_attr(target_arch = "wasm32", no_std)]

extern crate alloc;

pub mod form;
pub mod read;

#[cfg(target_arch = "wasm32")]
mod page;

/// The allocator: lol_alloc's free list instead of Rust's default (dlmalloc), which was
/// 7 KB of the widget's WASM. The widget allocates little (one form, a few strings per
/// answer), so a simple first-fit list serves it well.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());

/// A panic stops the widget's WASM at once, with nothing said (the page script reports the
/// failed call on the console). This handler is why the widget and `convene-types` are
/// `no_std`: std's handler runs its panic hook, which writes the message with `core::fmt`,
/// and keeps both in the WASM. With this one, `core::fmt` goes too, as long as nothing on
/// the widget's paths formats (ARCHITECTURE.md, Registration widget): 2.1 KB gzip of the
/// widget's 37.9 (docs/benchmarks.md).
#[cfg(all(target_arch = "wasm32", not(test)))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}
