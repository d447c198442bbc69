//! The page's entry point (trunk's `rel="rust"` main binary).
#[cfg(target_arch = "wasm32")]
fn main() {
    dossier_app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("dossier-app is a web page: build it with trunk (scripts/serve)");
    std::process::exit(2);
}
