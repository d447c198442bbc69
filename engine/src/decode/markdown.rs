//! Markdown to plain text: the words stay, the markup goes.
//!
//! Line based and linear: headings, emphasis, inline code, links and images (their text is
//! kept, the URL dropped), block quotes, list markers, tables' pipes, horizontal rules and
//! HTML tags are removed; fenced code blocks keep their content.

/// Returns the text of a Markdown document without its markup.
pub(crate) fn plain_text(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut in_fence = false;
    for line in md.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let mut l = trimmed;
        if is_rule(l) {
            out.push('\n');
            continue;
        }
        while let Some(rest) = l.strip_prefix('>') {
            l = rest.trim_start();
        }
        let hashes = l.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes) && l[hashes..].starts_with([' ', '\t']) {
            l = l[hashes..].trim().trim_end_matches('#').trim_end();
        }
        l = strip_list_marker(l);
        out.push_str(&inline(l));
        out.push('\n');
    }
    out
}

fn is_rule(l: &str) -> bool {
    let t: String = l.chars().filter(|c| !c.is_whitespace()).collect();
    t.len() >= 3 && (t.chars().all(|c| c == '-') || t.chars().all(|c| c == '*') || t.chars().all(|c| c == '_'))
}

fn strip_list_marker(l: &str) -> &str {
    for m in ["- ", "* ", "+ "] {
        if let Some(rest) = l.strip_prefix(m) {
            return rest.strip_prefix("[ ] ").or_else(|| rest.strip_prefix("[x] ")).unwrap_or(rest);
        }
    }
    let digits = l.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let rest = &l[digits..];
        if let Some(r) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return r;
        }
    }
    l
}

/// Inline markup: `**`, `__`, `*`, `_` around words, backticks, links, images, tags, pipes.
fn inline(l: &str) -> String {
    let mut out = String::with_capacity(l.len());
    let chars: Vec<char> = l.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '!' if chars.get(i + 1) == Some(&'[') => {
                i += 1; // an image: keep its alt text like a link's text
            }
            '[' => {
                // [text](url) or [text][ref]: keep text.
                if let Some(close) = chars[i + 1..].iter().position(|&c| c == ']').map(|p| i + 1 + p) {
                    let text: String = chars[i + 1..close].iter().collect();
                    let mut j = close + 1;
                    let opener = chars.get(j).copied();
                    if matches!(opener, Some('(') | Some('[')) {
                        let closer = if opener == Some('(') { ')' } else { ']' };
                        if let Some(p) = chars[j..].iter().position(|&c| c == closer) {
                            j += p + 1;
                            out.push_str(&inline(&text));
                            i = j;
                            continue;
                        }
                    }
                }
                out.push(c);
                i += 1;
            }
            '*' | '`' => i += 1,
            '_' => {
                // Only emphasis underscores (at word edges), not snake_case.
                let prev = i.checked_sub(1).map(|k| chars[k]);
                let next = chars.get(i + 1).copied();
                let inner = prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
                if inner {
                    out.push(c);
                }
                i += 1;
            }
            '<' => {
                let close = chars[i..].iter().position(|&c| c == '>');
                let is_tag = chars.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic() || *c == '/');
                match close {
                    Some(p) if is_tag => i += p + 1,
                    _ => {
                        out.push(c);
                        i += 1;
                    }
                }
            }
            '|' => {
                out.push(' ');
                i += 1;
            }
            '\\' if chars.get(i + 1).is_some_and(|c| c.is_ascii_punctuation()) => {
                out.push(chars[i + 1]);
                i += 2;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    let collapsed: Vec<&str> = out.split_whitespace().collect();
    collapsed.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_markup() {
        let md = "# Norway's *report*\n\n> Russia is **stronger**, [NIS](https://nis.no) said.\n\n- one_two\n1. `code`\n---\n";
        assert_eq!(plain_text(md), "Norway's report\n\nRussia is stronger, NIS said.\n\none_two\ncode\n\n");
    }
}
