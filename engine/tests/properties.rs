//! Property tests: any input is handled without a panic, and every analysis keeps its
//! invariants (mentions sorted, non-overlapping, on char boundaries; JSON offsets pointing at
//! exactly the text they claim; the same input always gives the same result).

use dossier_engine::{analyse, analyse_bytes, decode, Options};
use proptest::prelude::*;

mod common;
use common::invariants;

/// Strings made of news-like pieces, so the recognisers actually fire.
fn newsish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Russia", "Nils Stensønes", "NIS", "U.S.", "$118.5 billion", "61%", "September 13, 2023",
        "last month", "Shahed-136", "Leopard 2", "said", "the", " ", "  ", "\n", "\n\n", ".", ",",
        "“", "”", "'s", "’", "-", "/", "(", ")", "1", "2024", "three times more troops", "🙂",
        "e\u{301}", "\r\n", "Mr.", "Feb.", "€5m", "a third of", "since 2023", "on Monday", "<b>",
        "&amp;", "Dong Jun", "Focus 2024", "\u{200F}", "שלום", "São Paulo", "\0",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn any_string_keeps_the_invariants(text in any::<String>()) {
        let a = analyse(&text, &Options::default());
        let errors = invariants(&a);
        prop_assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn news_like_text_keeps_the_invariants(text in newsish()) {
        let a = analyse(&text, &Options::default());
        let errors = invariants(&a);
        prop_assert!(errors.is_empty(), "{errors:?}");
        // Deterministic, and independent of what was analysed before.
        let _other = analyse("Moscow and Kyiv, $5 billion, 12%.", &Options::default());
        prop_assert_eq!(&analyse(&text, &Options::default()), &a);
    }

    #[test]
    fn any_bytes_decode_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..512), html in any::<bool>()) {
        let name = if html { "page.html" } else { "notes.txt" };
        match analyse_bytes(&bytes, name, &Options::default()) {
            Ok(a) => {
                let errors = invariants(&a);
                prop_assert!(errors.is_empty(), "{errors:?}");
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    #[test]
    fn markup_never_survives_html_decoding(body in newsish()) {
        let html = format!("<html><body><p>{body}</p><script>alert(1)</script><img src=x onerror=alert(2)></body></html>");
        if let Ok(d) = decode::decode(html.as_bytes(), "x.html") {
            prop_assert!(!d.text.contains("alert("), "{:?}", d.text);
            prop_assert!(!d.text.contains("onerror"), "{:?}", d.text);
        }
    }
}

#[test]
fn hostile_sizes_do_not_break_anything() {
    let cases = [
        "x".repeat(1 << 20),
        "Capitalised ".repeat(50_000),
        "(".repeat(100_000),
        "“".repeat(50_000),
        "9".repeat(200_000),
        "e\u{301}".repeat(100_000),
        "<div>".repeat(50_000),
    ];
    for text in &cases {
        let a = analyse(text, &Options::default());
        assert!(invariants(&a).is_empty());
        let _ = analyse_bytes(text.as_bytes(), "deep.html", &Options::default());
    }
}
