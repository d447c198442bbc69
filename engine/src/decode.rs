//! Stage 1: bytes to text.
//!
//! * UTF-8 with or without a byte-order mark, UTF-16 LE/BE with a byte-order mark (or without
//!   one, when every other byte of ASCII text is NUL), otherwise Windows-1252 (a superset of
//!   Latin-1 for printable text). Line endings are kept as they are.
//! * Binary input (NUL bytes, mostly control characters, or the signature of a PDF, ZIP/DOCX,
//!   image or executable) is refused with an error that says what the file looks like.
//! * HTML (by the name's extension or by sniffing) is reduced to the article's readable text:
//!   no script, style, navigation, header, footer or form; block elements become paragraphs and
//!   character references are decoded. Markdown loses its markup.
//!
//! The analysis offsets index the text returned here.

use std::fmt;

use crate::MAX_INPUT_BYTES;

mod html;
mod markdown;

/// The format the text was read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text, kept as it is.
    Plain,
    /// HTML reduced to its readable text.
    Html,
    /// Markdown without its markup.
    Markdown,
}

/// Decoded input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text to analyse.
    pub text: String,
    /// The character encoding the bytes were read in (`UTF-8`, `UTF-16LE`, `UTF-16BE`,
    /// `windows-1252`).
    pub encoding: &'static str,
    /// The format the text was read as.
    pub format: Format,
}

/// Why input could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// No bytes, or nothing but white space.
    Empty,
    /// Larger than [`MAX_INPUT_BYTES`].
    TooLarge {
        /// The input's size in bytes.
        bytes: usize,
    },
    /// Not text: what it looks like ("a PDF document", "binary data").
    Binary {
        /// What the input looks like.
        looks_like: &'static str,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => f.write_str("the file is empty: there is no text to analyse"),
            DecodeError::TooLarge { bytes } => write!(
                f,
                "the file is too large ({:.1} MB): Dossier analyses files of up to {} MB",
                *bytes as f64 / 1_048_576.0,
                MAX_INPUT_BYTES / 1_048_576
            ),
            DecodeError::Binary { looks_like } => write!(
                f,
                "this is {looks_like}, not text: Dossier reads plain text (.txt), Markdown (.md) \
                 and web pages (.html, .htm)"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes `bytes` into text. `name` is the file's name (or empty): its extension selects HTML
/// (`.html`, `.htm`, `.xhtml`) or Markdown (`.md`, `.markdown`); other text is sniffed for HTML.
pub fn decode(bytes: &[u8], name: &str) -> Result<Decoded, DecodeError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(DecodeError::TooLarge { bytes: bytes.len() });
    }
    if let Some(looks_like) = signature(bytes) {
        return Err(DecodeError::Binary { looks_like });
    }
    let (text, encoding) = to_text(bytes)?;
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    let ext = extension(name);
    let format = match ext.as_str() {
        "html" | "htm" | "xhtml" => Format::Html,
        "md" | "markdown" => Format::Markdown,
        _ if looks_like_html(&text) => Format::Html,
        _ => Format::Plain,
    };
    let text = match format {
        Format::Plain => text,
        Format::Html => html::readable_text(&text),
        Format::Markdown => markdown::plain_text(&text),
    };
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(Decoded { text, encoding, format })
}

/// The lower-cased extension of a file name, without the dot.
fn extension(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// Recognises file signatures of common non-text formats.
fn signature(b: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"%PDF-", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive (or a Word, Excel or EPUB document)"),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "an old Microsoft Office document"),
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"\x7FELF", "a program (ELF executable)"),
        (b"MZ", "a Windows program"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"{\\rtf", "an RTF document"),
    ];
    if b.len() >= 12 && &b[0..4] == b"RIFF" && &b[8..12] == b"WEBP" {
        return Some("a WebP image");
    }
    SIGNATURES.iter().find(|(sig, _)| b.starts_with(sig)).map(|&(_, what)| what)
}

/// Bytes to text by byte-order mark, UTF-8 validity, a UTF-16 guess, else Windows-1252.
fn to_text(bytes: &[u8]) -> Result<(String, &'static str), DecodeError> {
    use encoding_rs::{UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let encoding = if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes) {
        enc
    } else if let Some(enc) = utf16_without_bom(bytes) {
        enc
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        // Valid UTF-8 without a byte-order mark: `UTF_8.decode` would check it again and
        // borrow it unchanged, so copy it as it is.
        if is_binary(text) {
            return Err(DecodeError::Binary { looks_like: "binary data" });
        }
        return Ok((text.to_owned(), "UTF-8"));
    } else {
        WINDOWS_1252
    };
    // `decode` strips the byte-order mark of the encoding it was given.
    let (text, used, _had_errors) = encoding.decode(bytes);
    let text = text.into_owned();
    if is_binary(&text) {
        return Err(DecodeError::Binary { looks_like: "binary data" });
    }
    let name = if used == UTF_8 {
        "UTF-8"
    } else if used == UTF_16LE {
        "UTF-16LE"
    } else if used == UTF_16BE {
        "UTF-16BE"
    } else if used == WINDOWS_1252 {
        "windows-1252"
    } else {
        used.name()
    };
    Ok((text, name))
}

/// UTF-16 without a byte-order mark: mostly-ASCII text where every other byte is NUL.
fn utf16_without_bom(b: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let n = b.len().min(4096) & !1;
    // Either guess needs NUL bytes in nine pairs out of ten (and at least four pairs).
    if n < 8 || !b[..n].contains(&0) {
        return None;
    }
    let (mut even_nul, mut odd_nul) = (0, 0);
    for pair in b[..n].chunks_exact(2) {
        even_nul += usize::from(pair[0] == 0);
        odd_nul += usize::from(pair[1] == 0);
    }
    let half = n / 2;
    if odd_nul * 10 >= half * 9 && even_nul * 10 <= half {
        Some(encoding_rs::UTF_16LE)
    } else if even_nul * 10 >= half * 9 && odd_nul * 10 <= half {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Text with NUL characters, or where over a tenth of the characters are control characters
/// other than tab, line feed, form feed and carriage return.
///
/// Read byte by byte: a character is a byte that is no UTF-8 continuation byte (`10xxxxxx`);
/// the control characters are the bytes below 0x20 and 0x7F, and U+0080 to U+009F, whose
/// UTF-8 is 0xC2 followed by 0x80 to 0x9F. Eight bytes at a time, a word of printable ASCII
/// (no byte below 0x20, none 0x7F, none from 0x80) is eight characters and no control.
fn is_binary(text: &str) -> bool {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let b = text.as_bytes();
    let mut total = 0usize;
    let mut control = 0usize;
    let mut k = 0;
    while k < b.len() {
        let end = (k + 8).min(b.len());
        if let Some(word) = b.get(k..end).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
            let w = u64::from_le_bytes(word);
            // A byte below 0x20 borrows into its high bit (Mycroft's "has less"); 0x7F is a
            // zero byte of `w ^ 0x7F..`; bytes from 0x80 have their high bit.
            let below_space = w.wrapping_sub(LOW * 0x20) & !w & HIGH;
            let x = w ^ (LOW * 0x7F);
            let delete = x.wrapping_sub(LOW) & !x & HIGH;
            if below_space | delete | (w & HIGH) == 0 {
                total += 8;
                k = end;
                continue;
            }
        }
        for i in k..end {
            let c = b[i];
            match c {
                0 => return true,
                0x80..=0xBF => {}
                _ => {
                    total += 1;
                    let c1 = c == 0xC2 && matches!(b.get(i + 1), Some(0x80..=0x84 | 0x86..=0x9F));
                    if c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r' | 0x0C) || c == 0x7F || c1 {
                        control += 1;
                    }
                }
            }
        }
        k = end;
    }
    control * 10 > total
}

/// Whether plain text is in fact an HTML document.
fn looks_like_html(text: &str) -> bool {
    // Every form below starts with `<`.
    if !text.trim_start().starts_with('<') {
        return false;
    }
    let head: String = text.trim_start().chars().take(1024).collect::<String>().to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<?xml") && head.contains("<html")
        || (head.starts_with('<') && (head.contains("<body") || head.contains("<head")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_encodings() {
        let utf16le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Stensønes".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&utf16le, "a.txt").unwrap().text, "Stensønes");
        let utf16be: Vec<u8> = "Düsseldorf news".encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode(&utf16be, "a.txt").unwrap().text, "Düsseldorf news");
        let cp1252 = b"S\xE3o Paulo \x93quoted\x94";
        let d = decode(cp1252, "a.txt").unwrap();
        assert_eq!(d.text, "São Paulo \u{201C}quoted\u{201D}");
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(decode(b"\xEF\xBB\xBFhello", "").unwrap().text, "hello");
        assert_eq!(decode(b"a\r\nb", "").unwrap().text, "a\r\nb");
    }

    #[test]
    fn refuses_binary_and_empty() {
        assert!(matches!(decode(b"%PDF-1.7 ...", "x.pdf"), Err(DecodeError::Binary { .. })));
        assert!(matches!(decode(b"abc\0def\0\x01\x02", ""), Err(DecodeError::Binary { .. })));
        assert_eq!(decode(b"", ""), Err(DecodeError::Empty));
        assert_eq!(decode(b" \n\t ", ""), Err(DecodeError::Empty));
        let msg = decode(b"%PDF-1.7", "x.pdf").unwrap_err().to_string();
        assert!(msg.contains("PDF"), "{msg}");
    }

    /// The definition `is_binary` reads byte by byte.
    fn is_binary_by_chars(text: &str) -> bool {
        let mut total = 0usize;
        let mut control = 0usize;
        for c in text.chars() {
            if c == '\0' {
                return true;
            }
            total += 1;
            if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0C' | '\u{85}') {
                control += 1;
            }
        }
        control * 10 > total
    }

    #[test]
    fn binary_by_bytes_is_binary_by_characters() {
        let pieces = ["a", " ", "\t", "\n", "\r", "\x0C", "\x01", "\x1F", "\x7F", "\0", "\u{80}", "\u{85}", "\u{9F}", "\u{A0}", "é", "’", "😀", "abcdefgh"];
        let mut seed = 7u64;
        for len in 0..60 {
            for _ in 0..200 {
                let mut t = String::new();
                for _ in 0..len {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    // Mostly printable text, so that both sides of the line are reached.
                    let k = (seed >> 33) as usize % (pieces.len() * 3);
                    t.push_str(pieces.get(k).copied().unwrap_or("x"));
                }
                assert_eq!(is_binary(&t), is_binary_by_chars(&t), "{t:?}");
            }
        }
    }

    #[test]
    fn refuses_input_over_the_limit_without_reading_it() {
        let huge = vec![b'a'; MAX_INPUT_BYTES + 1];
        let err = decode(&huge, "huge.txt").unwrap_err();
        assert_eq!(err, DecodeError::TooLarge { bytes: MAX_INPUT_BYTES + 1 });
        assert!(err.to_string().contains("50 MB"), "{err}");
        let at_limit = vec![b'a'; 1024];
        assert!(decode(&at_limit, "ok.txt").is_ok());
    }
}
