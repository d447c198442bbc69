//! Dossier's web app: drop or paste news articles, read them highlighted, sum them up in a
//! sidebar, export the analysis. Built by trunk for `wasm32-unknown-unknown` (see `index.html`).
//!
//! - [`model`]: a document as the page holds it (the engine's report, code-point offsets turned
//!   into byte ranges once, at the edge);
//! - [`export`]: JSON (the CLI's), CSV and standalone HTML;
//! - `state`: the one reducer and its `Action`s;
//! - `analyser`: the bridge to the web worker that runs the engine off the main thread;
//! - `io`: files, browser storage, downloads, listeners;
//! - `app`, `article`, `sidebar`, `story` (the documents compared): the components.
//!
//! `model` and `export` are pure and also build natively (their unit tests run in the workspace's
//! plain `cargo test`); everything touching the browser is `wasm32`-only.
#![forbid(unsafe_code)]

pub mod export;
pub mod model;
pub mod work;

#[cfg(target_arch = "wasm32")]
pub mod analyser;
#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod article;
#[cfg(target_arch = "wasm32")]
pub mod io;
#[cfg(target_arch = "wasm32")]
pub mod sidebar;
#[cfg(target_arch = "wasm32")]
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod story;

/// Mounts the page on `<body>`.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    yew::Renderer::<app::App>::new().render();
}
