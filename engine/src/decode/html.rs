//! HTML to readable text, in one linear pass and without building a tree.
//!
//! Only text is kept: no tag, attribute, script or URL survives, so hostile markup cannot reach
//! the page through the analysis. Rules:
//! * the content of `script`, `style`, `template`, `noscript`, `textarea`, `title`, `iframe`,
//!   `svg`, `math`, `object`, `select`, `button`, `form`, `head`, `nav`, `aside` and `footer` is dropped,
//!   and so is `header` outside an `article`;
//! * when the page has an `article` (or else a `main`) element, only the text inside it is kept;
//! * block elements separate paragraphs, `br` separates lines; runs of white space collapse to
//!   one space (except inside `pre`);
//! * character references (`&amp;`, `&#8217;`, `&eacute;`, ...) are decoded.

/// Elements whose content is raw text up to the matching end tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"];
/// Elements whose whole subtree is dropped.
const DROPPED: &[&str] = &["template", "svg", "math", "object", "select", "button", "form", "head", "nav", "aside", "footer", "dialog", "canvas", "video", "audio", "picture", "map"];
/// Elements dropped only outside an `article` (inside one, the header holds the headline).
const CHROME: &[&str] = &["header"];
/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table",
    "tr", "section", "article", "main", "blockquote", "pre", "figure", "figcaption", "hr",
    "address", "body", "html", "header", "footer", "caption", "details", "summary", "center",
];
/// Void elements (never have content or an end tag).
const VOID: &[&str] = &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param"];

/// A tag found by the scanner.
struct Tag<'a> {
    name: &'a str,
    end: bool,
    self_closing: bool,
}

/// Returns the readable text of an HTML document.
pub(crate) fn readable_text(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let scope = if lower.contains("<article") {
        Some("article")
    } else if lower.contains("<main") {
        Some("main")
    } else {
        None
    };
    let text = extract(html, &lower, scope);
    if text.trim().is_empty() && scope.is_some() {
        // An empty article element (or one only script fills): take the whole page instead.
        return extract(html, &lower, None);
    }
    text
}

fn extract(html: &str, lower: &str, scope: Option<&str>) -> String {
    let mut out = Output::default();
    let mut dropped_depth = 0usize; // open DROPPED/CHROME elements
    let mut scope_depth = 0usize; // open scope elements
    let mut article_depth = 0usize;
    let mut pre_depth = 0usize;
    let bytes = html.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let Some((tag, after)) = scan_tag(html, lower, i) else {
            i += 1;
            continue;
        };
        // Flush the text before the tag.
        let visible = dropped_depth == 0 && (scope.is_none() || scope_depth > 0);
        if visible {
            out.text(&html[text_start..i], pre_depth > 0);
        }
        i = after;
        text_start = after;
        let Some(tag) = tag else { continue }; // comment, doctype, processing instruction
        let name = tag.name;
        if !tag.end && RAW_TEXT.contains(&name) {
            // Skip to the matching end tag (or the end of input).
            let close = format!("</{name}");
            let end = lower[i..].find(&close).map_or(html.len(), |k| i + k);
            let after_close = html[end..].find('>').map_or(html.len(), |k| end + k + 1);
            i = after_close;
            text_start = after_close;
            continue;
        }
        let chrome = CHROME.contains(&name) && article_depth == 0;
        if DROPPED.contains(&name) || chrome {
            if tag.end {
                dropped_depth = dropped_depth.saturating_sub(1);
            } else if !tag.self_closing {
                dropped_depth += 1;
            }
            if !chrome {
                continue;
            }
        }
        if scope == Some(name) {
            if tag.end {
                scope_depth = scope_depth.saturating_sub(1);
            } else {
                scope_depth += 1;
            }
        }
        if name == "article" {
            if tag.end {
                article_depth = article_depth.saturating_sub(1);
            } else {
                article_depth += 1;
            }
        }
        if name == "pre" {
            if tag.end {
                pre_depth = pre_depth.saturating_sub(1);
            } else {
                pre_depth += 1;
            }
        }
        if name == "br" {
            out.line_break();
        } else if BLOCKS.contains(&name) {
            out.paragraph_break();
        } else if matches!(name, "td" | "th") {
            out.text(" ", false);
        }
    }
    let visible = dropped_depth == 0 && (scope.is_none() || scope_depth > 0);
    if visible {
        out.text(&html[text_start..], pre_depth > 0);
    }
    out.finish()
}

/// Scans the markup starting at `html[i] == '<'`. Returns the tag (`None` for comments and
/// declarations) and the offset after it, or `None` when this `<` starts no markup.
fn scan_tag<'a>(html: &'a str, lower: &'a str, i: usize) -> Option<(Option<Tag<'a>>, usize)> {
    let rest = &lower[i..];
    if let Some(comment) = rest.strip_prefix("<!--") {
        let end = comment.find("-->").map_or(html.len(), |k| i + 4 + k + 3);
        return Some((None, end));
    }
    if rest.starts_with("<!") || rest.starts_with("<?") {
        let end = rest.find('>').map_or(html.len(), |k| i + k + 1);
        return Some((None, end));
    }
    let bytes = lower.as_bytes();
    let mut j = i + 1;
    let end = bytes.get(j) == Some(&b'/');
    if end {
        j += 1;
    }
    let name_start = j;
    while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'-' || bytes[j] == b':') {
        j += 1;
    }
    if j == name_start || !bytes[name_start].is_ascii_alphabetic() {
        return None; // "a < b", "<3"
    }
    let name = &lower[name_start..j];
    // Attributes: skip to the closing '>' outside quotes.
    let mut quote = 0u8;
    let mut last = 0u8;
    while j < bytes.len() {
        let c = bytes[j];
        if quote != 0 {
            if c == quote {
                quote = 0;
            }
        } else if c == b'"' || c == b'\'' {
            quote = c;
        } else if c == b'>' {
            break;
        }
        if !c.is_ascii_whitespace() {
            last = c;
        }
        j += 1;
    }
    let after = (j + 1).min(html.len());
    let self_closing = last == b'/' || VOID.contains(&name);
    Some((Some(Tag { name, end, self_closing }), after))
}

/// Accumulates text with collapsed white space and paragraph breaks.
#[derive(Default)]
struct Output {
    buf: String,
    /// Pending separator: 0 none, 1 space, 2 line break, 3 paragraph break.
    pending: u8,
}

impl Output {
    fn text(&mut self, raw: &str, pre: bool) {
        if raw.is_empty() {
            return;
        }
        let decoded = decode_references(raw);
        if pre {
            self.flush();
            self.buf.push_str(&decoded);
            return;
        }
        for (k, word) in decoded.split(|c: char| c.is_whitespace() && c != '\u{A0}').enumerate() {
            if k > 0 {
                self.pending = self.pending.max(1);
            }
            if !word.is_empty() {
                self.flush();
                self.buf.push_str(word);
            }
        }
    }

    fn flush(&mut self) {
        if !self.buf.is_empty() {
            match self.pending {
                1 => self.buf.push(' '),
                2 => self.buf.push('\n'),
                3 => self.buf.push_str("\n\n"),
                _ => {}
            }
        }
        self.pending = 0;
    }

    fn line_break(&mut self) {
        self.pending = self.pending.max(2);
    }

    fn paragraph_break(&mut self) {
        self.pending = 3;
    }

    fn finish(mut self) -> String {
        self.pending = 0;
        self.buf.push('\n');
        self.buf
    }
}

/// Decodes character references; unknown ones stay as written.
pub(crate) fn decode_references(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(k) = rest.find('&') {
        out.push_str(&rest[..k]);
        rest = &rest[k..];
        let semi = rest[1..].find(';').map(|p| p + 1).filter(|&p| p <= 32);
        let decoded = semi.and_then(|p| reference(&rest[1..p]).map(|c| (c, p + 1)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// The character a reference body (between `&` and `;`) stands for.
fn reference(body: &str) -> Option<char> {
    if let Some(num) = body.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        return match code {
            0 => Some('\u{FFFD}'),
            // Windows-1252 mapping of C1 references, as browsers do.
            0x80..=0x9F => {
                let b = [code as u8];
                encoding_rs::WINDOWS_1252.decode_without_bom_handling(&b).0.chars().next()
            }
            _ => char::from_u32(code),
        };
    }
    NAMED.iter().find(|(name, _)| *name == body).map(|&(_, c)| c)
}

/// Named character references: the markup ones, Latin-1, and common typography.
const NAMED: &[(&str, char)] = &[
    ("amp", '&'), ("lt", '<'), ("gt", '>'), ("quot", '"'), ("apos", '\''), ("nbsp", '\u{A0}'),
    ("iexcl", '¡'), ("cent", '¢'), ("pound", '£'), ("curren", '¤'), ("yen", '¥'), ("brvbar", '¦'),
    ("sect", '§'), ("uml", '¨'), ("copy", '©'), ("ordf", 'ª'), ("laquo", '«'), ("not", '¬'),
    ("shy", '\u{AD}'), ("reg", '®'), ("macr", '¯'), ("deg", '°'), ("plusmn", '±'), ("sup2", '²'),
    ("sup3", '³'), ("acute", '´'), ("micro", 'µ'), ("para", '¶'), ("middot", '·'), ("cedil", '¸'),
    ("sup1", '¹'), ("ordm", 'º'), ("raquo", '»'), ("frac14", '¼'), ("frac12", '½'), ("frac34", '¾'),
    ("iquest", '¿'), ("Agrave", 'À'), ("Aacute", 'Á'), ("Acirc", 'Â'), ("Atilde", 'Ã'), ("Auml", 'Ä'),
    ("Aring", 'Å'), ("AElig", 'Æ'), ("Ccedil", 'Ç'), ("Egrave", 'È'), ("Eacute", 'É'), ("Ecirc", 'Ê'),
    ("Euml", 'Ë'), ("Igrave", 'Ì'), ("Iacute", 'Í'), ("Icirc", 'Î'), ("Iuml", 'Ï'), ("ETH", 'Ð'),
    ("Ntilde", 'Ñ'), ("Ograve", 'Ò'), ("Oacute", 'Ó'), ("Ocirc", 'Ô'), ("Otilde", 'Õ'), ("Ouml", 'Ö'),
    ("times", '×'), ("Oslash", 'Ø'), ("Ugrave", 'Ù'), ("Uacute", 'Ú'), ("Ucirc", 'Û'), ("Uuml", 'Ü'),
    ("Yacute", 'Ý'), ("THORN", 'Þ'), ("szlig", 'ß'), ("agrave", 'à'), ("aacute", 'á'), ("acirc", 'â'),
    ("atilde", 'ã'), ("auml", 'ä'), ("aring", 'å'), ("aelig", 'æ'), ("ccedil", 'ç'), ("egrave", 'è'),
    ("eacute", 'é'), ("ecirc", 'ê'), ("euml", 'ë'), ("igrave", 'ì'), ("iacute", 'í'), ("icirc", 'î'),
    ("iuml", 'ï'), ("eth", 'ð'), ("ntilde", 'ñ'), ("ograve", 'ò'), ("oacute", 'ó'), ("ocirc", 'ô'),
    ("otilde", 'õ'), ("ouml", 'ö'), ("divide", '÷'), ("oslash", 'ø'), ("ugrave", 'ù'), ("uacute", 'ú'),
    ("ucirc", 'û'), ("uuml", 'ü'), ("yacute", 'ý'), ("thorn", 'þ'), ("yuml", 'ÿ'),
    ("ndash", '–'), ("mdash", '—'), ("lsquo", '‘'), ("rsquo", '’'), ("sbquo", '‚'), ("ldquo", '“'),
    ("rdquo", '”'), ("bdquo", '„'), ("hellip", '…'), ("bull", '•'), ("prime", '′'), ("Prime", '″'),
    ("euro", '€'), ("trade", '™'), ("dagger", '†'), ("Dagger", '‡'), ("permil", '‰'), ("minus", '−'),
    ("thinsp", '\u{2009}'), ("ensp", '\u{2002}'), ("emsp", '\u{2003}'), ("zwnj", '\u{200C}'),
    ("zwj", '\u{200D}'), ("lrm", '\u{200E}'), ("rlm", '\u{200F}'), ("scaron", 'š'), ("Scaron", 'Š'),
    ("zcaron", 'ž'), ("Zcaron", 'Ž'), ("oelig", 'œ'), ("OElig", 'Œ'), ("Yuml", 'Ÿ'), ("rarr", '→'),
    ("larr", '←'),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_article_text_only() {
        let html = r#"<!DOCTYPE html><html><head><title>T</title><style>p{}</style>
            <script>alert("x")</script></head><body><nav><a href="/">Home</a></nav>
            <article><header><h1>Norway&rsquo;s report</h1></header>
            <p>Nils Stens&oslash;nes said <b>Russia</b> &amp; allies&hellip;</p>
            <img src=x onerror="alert(1)"><p>Second<br>line &#8364;5</p>
            <footer>About us</footer></article><footer>Site footer</footer></body></html>"#;
        let text = readable_text(html);
        assert_eq!(
            text,
            "Norway’s report\n\nNils Stensønes said Russia & allies…\n\nSecond\nline €5\n"
        );
    }

    #[test]
    fn survives_broken_markup() {
        assert_eq!(readable_text("a < b and <3 <p>x"), "a < b and <3\n\nx\n");
        assert_eq!(readable_text("<p>open <script>never closed"), "open\n");
        assert_eq!(readable_text("<div attr=\"a>b\">text</div>"), "text\n");
        assert_eq!(decode_references("&bogus; &#xZZ; &"), "&bogus; &#xZZ; &");
    }
}
