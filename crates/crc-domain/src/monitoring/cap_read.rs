//! Reading CAP 1.2 alerts: the document parsed with positions (roxmltree), then walked in the
//! schema's order, so that a refused alert names the line, the column and the reason, and an
//! accepted one is one the official schema accepts too.

use chrono::{DateTime, FixedOffset};
use roxmltree::{Document, Node};

use super::cap::*;
use crate::error::DomainError;

/// Largest document read, in bytes.
pub const MAX_XML_BYTES: usize = 4 * 1024 * 1024;

/// The XML signature namespace: the only foreign elements CAP allows (at the end of `alert`).
const DSIG_NS: &str = "http://www.w3.org/2000/09/xmldsig#";

/// Why a document was refused, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlFault {
    /// Line, from 1.
    pub line: u32,
    /// Column, from 1.
    pub column: u32,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for XmlFault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl From<XmlFault> for DomainError {
    fn from(f: XmlFault) -> Self {
        DomainError::invalid(format!("line {}, column {}", f.line, f.column), f.message)
    }
}

/// Parses a document, refusing one too large or not well-formed.
pub fn parse_document(xml: &str) -> Result<Document<'_>, XmlFault> {
    if xml.len() > MAX_XML_BYTES {
        return Err(XmlFault {
            line: 1,
            column: 1,
            message: format!(
                "the document is {} bytes; at most {MAX_XML_BYTES}",
                xml.len()
            ),
        });
    }
    let opt = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..Default::default()
    };
    check_declaration(xml)?;
    let doc = Document::parse_with_options(xml, opt).map_err(|e| {
        let (line, column) = match e {
            // Said of the root's start; the reader wants where the document stopped.
            roxmltree::Error::UnclosedRootNode => end_of(xml),
            _ => (e.pos().row, e.pos().col),
        };
        XmlFault {
            line,
            column,
            message: format!("not well-formed XML: {e}"),
        }
    })?;
    // roxmltree reads `<?target=...?>` as a processing instruction; XML requires a space
    // after the target (and reserves `xml` for the declaration).
    for pi in doc.descendants().filter(|n| n.is_pi()) {
        let raw = &xml[pi.range()];
        let target = pi.pi().map_or("", |p| p.target);
        let after = raw.get(2 + target.len()..).unwrap_or("");
        if !(after.starts_with("?>") || after.starts_with(char::is_whitespace))
            || target.eq_ignore_ascii_case("xml")
        {
            return Err(fault(
                &doc,
                pi,
                format!("not well-formed XML: the processing instruction `{target}` is malformed"),
            ));
        }
    }
    Ok(doc)
}

/// Checks the XML declaration strictly (roxmltree lets a malformed one pass): `version` 1.x,
/// then optionally `encoding`, which must be UTF-8 (the text arrives decoded as UTF-8, and a
/// document claiming otherwise would be read differently by its other recipients), then
/// optionally `standalone`.
fn check_declaration(xml: &str) -> Result<(), XmlFault> {
    let Some(rest) = xml.strip_prefix("<?xml") else {
        return Ok(());
    };
    if !rest.starts_with(char::is_whitespace) {
        // `<?xml-stylesheet ...?>` and the like are processing instructions.
        return Ok(());
    }
    let bad = |m: &str| XmlFault {
        line: 1,
        column: 1,
        message: format!("the XML declaration is malformed: {m}"),
    };
    let decl = rest.split_once("?>").ok_or_else(|| bad("no `?>`"))?.0;
    let mut pairs = Vec::new();
    let mut r = decl;
    loop {
        let trimmed = r.trim_start();
        if trimmed.is_empty() {
            break;
        }
        if trimmed.len() == r.len() {
            return Err(bad("a space is needed between its parts"));
        }
        let (name, after) = trimmed
            .split_once('=')
            .ok_or_else(|| bad("a part lacks `=`"))?;
        let after = after.trim_start();
        let q = after
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'')
            .ok_or_else(|| bad("a value is not quoted"))?;
        let (value, next) = after[1..]
            .split_once(q)
            .ok_or_else(|| bad("a value is not closed"))?;
        pairs.push((name.trim_end(), value));
        r = next;
    }
    let names: Vec<&str> = pairs.iter().map(|p| p.0).collect();
    let order_ok = matches!(
        names.as_slice(),
        ["version"]
            | ["version", "encoding"]
            | ["version", "standalone"]
            | ["version", "encoding", "standalone"]
    );
    if !order_ok {
        return Err(bad("its parts are version, then encoding, then standalone"));
    }
    for (name, value) in pairs {
        let ok = match name {
            "version" => value
                .strip_prefix("1.")
                .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit())),
            "encoding" => value.eq_ignore_ascii_case("UTF-8"),
            _ => value == "yes" || value == "no",
        };
        if !ok {
            return Err(if name == "encoding" {
                XmlFault {
                    line: 1,
                    column: 1,
                    message: format!("the document declares the encoding `{value}`; crc reads UTF-8 documents only"),
                }
            } else {
                bad(&format!("`{value}` is not a {name}"))
            });
        }
    }
    Ok(())
}

/// The line and column just past the end of `text`.
fn end_of(text: &str) -> (u32, u32) {
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line as u32, column as u32)
}

/// Refuses attributes on an element whose schema type declares none (namespace declarations
/// are not attributes).
pub(crate) fn no_attributes(doc: &Document<'_>, n: Node<'_, '_>) -> Result<(), XmlFault> {
    match n.attributes().next() {
        None => Ok(()),
        Some(a) => Err(fault(
            doc,
            n,
            format!(
                "<{}> takes no attribute `{}`",
                n.tag_name().name(),
                a.name()
            ),
        )),
    }
}

/// Reads a CAP 1.2 document whose root is `alert`, and checks it.
pub fn parse_alert(xml: &str) -> Result<Alert, XmlFault> {
    let doc = parse_document(xml)?;
    read_alert(&doc, doc.root_element())
}

/// A fault at `node`.
pub(crate) fn fault(
    doc: &Document<'_>,
    node: Node<'_, '_>,
    message: impl Into<String>,
) -> XmlFault {
    let p = doc.text_pos_at(node.range().start);
    XmlFault {
        line: p.row,
        column: p.col,
        message: message.into(),
    }
}

/// The element children of a node, consumed in the schema's order.
pub(crate) struct Seq<'d, 'a, 'i> {
    doc: &'d Document<'i>,
    parent: Node<'a, 'i>,
    items: Vec<Node<'a, 'i>>,
    at: usize,
}

impl<'d, 'a, 'i> Seq<'d, 'a, 'i> {
    /// The children of `parent`, which must all be in `ns` (elements of other namespaces are
    /// left for the caller to take with [`Seq::foreign`]); text between them must be blank.
    pub(crate) fn new(
        doc: &'d Document<'i>,
        parent: Node<'a, 'i>,
    ) -> Result<Seq<'d, 'a, 'i>, XmlFault> {
        no_attributes(doc, parent)?;
        let mut items = Vec::new();
        for c in parent.children() {
            if c.is_element() {
                items.push(c);
            } else if c.is_text() && !c.text().unwrap_or("").trim().is_empty() {
                return Err(fault(
                    doc,
                    c,
                    format!(
                        "text is not allowed directly in <{}>",
                        parent.tag_name().name()
                    ),
                ));
            }
        }
        Ok(Seq {
            doc,
            parent,
            items,
            at: 0,
        })
    }

    fn name_of(n: Node<'_, '_>) -> String {
        match n.tag_name().namespace() {
            Some(ns) => format!("<{}> (namespace {ns})", n.tag_name().name()),
            None => format!("<{}> (no namespace)", n.tag_name().name()),
        }
    }

    fn is(n: Node<'_, '_>, ns: &str, name: &str) -> bool {
        n.tag_name().namespace() == Some(ns) && n.tag_name().name() == name
    }

    /// The next child if it is `name` in `ns`.
    pub(crate) fn opt(&mut self, ns: &str, name: &str) -> Option<Node<'a, 'i>> {
        let n = *self.items.get(self.at)?;
        if Self::is(n, ns, name) {
            self.at += 1;
            Some(n)
        } else {
            None
        }
    }

    /// The next child, which must be `name` in `ns`.
    pub(crate) fn one(&mut self, ns: &str, name: &str) -> Result<Node<'a, 'i>, XmlFault> {
        if let Some(n) = self.opt(ns, name) {
            return Ok(n);
        }
        Err(match self.items.get(self.at) {
            Some(n) => fault(
                self.doc,
                *n,
                format!("expected <{name}> here, found {}", Self::name_of(*n)),
            ),
            None => fault(
                self.doc,
                self.parent,
                format!("<{}> lacks <{name}>", self.parent.tag_name().name()),
            ),
        })
    }

    /// The next children named `name` in `ns`.
    pub(crate) fn many(&mut self, ns: &str, name: &str) -> Vec<Node<'a, 'i>> {
        let mut v = Vec::new();
        while let Some(n) = self.opt(ns, name) {
            v.push(n);
        }
        v
    }

    /// The next children in namespace `ns` (an `xs:any` of that namespace).
    pub(crate) fn foreign(&mut self, ns: &str) -> Vec<Node<'a, 'i>> {
        let mut v = Vec::new();
        while let Some(n) = self.items.get(self.at).copied() {
            if n.tag_name().namespace() != Some(ns) {
                break;
            }
            self.at += 1;
            v.push(n);
        }
        v
    }

    /// Skips the next children of any namespace but `ns` (an `xs:any` of `##other`, which
    /// takes no element without a namespace).
    pub(crate) fn others(&mut self, ns: &str) {
        while let Some(n) = self.items.get(self.at) {
            match n.tag_name().namespace() {
                Some(other) if other != ns => self.at += 1,
                _ => break,
            }
        }
    }

    /// Refuses any child left over.
    pub(crate) fn end(self) -> Result<(), XmlFault> {
        match self.items.get(self.at) {
            None => Ok(()),
            Some(n) => Err(fault(
                self.doc,
                *n,
                format!(
                    "{} is not expected here in <{}>",
                    Self::name_of(*n),
                    self.parent.tag_name().name()
                ),
            )),
        }
    }
}

/// The text of a simple element (no child elements).
pub(crate) fn text_of(doc: &Document<'_>, n: Node<'_, '_>) -> Result<String, XmlFault> {
    no_attributes(doc, n)?;
    if let Some(c) = n.children().find(|c| c.is_element()) {
        return Err(fault(
            doc,
            c,
            format!(
                "<{}> holds text only, not <{}>",
                n.tag_name().name(),
                c.tag_name().name()
            ),
        ));
    }
    Ok(n.children().filter_map(|c| c.text()).collect())
}

/// The whitespace-collapsed text of a token-like element (enumerations, times, numbers).
pub(crate) fn token_of(doc: &Document<'_>, n: Node<'_, '_>) -> Result<String, XmlFault> {
    Ok(text_of(doc, n)?.trim().to_owned())
}

fn value<T>(
    doc: &Document<'_>,
    n: Node<'_, '_>,
    parse: impl Fn(&str) -> Option<T>,
    allowed: &[&str],
) -> Result<T, XmlFault> {
    let t = token_of(doc, n)?;
    parse(&t).ok_or_else(|| {
        fault(
            doc,
            n,
            format!(
                "`{t}` is not a <{}>: one of {}",
                n.tag_name().name(),
                allowed.join(", ")
            ),
        )
    })
}

macro_rules! enum_value {
    ($doc:expr, $n:expr, $t:ty) => {{
        let names: Vec<&str> = <$t>::ALL.iter().map(|v| v.as_str()).collect();
        value($doc, $n, <$t>::parse, &names)
    }};
}

/// A CAP time: `2026-11-24T06:00:00+05:00`, seconds and an offset, no `Z`.
pub(crate) fn time_of(
    doc: &Document<'_>,
    n: Node<'_, '_>,
) -> Result<DateTime<FixedOffset>, XmlFault> {
    let t = token_of(doc, n)?;
    let shaped = t.len() == 25
        && t.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            10 => b == b'T',
            13 | 16 | 22 => b == b':',
            19 => b == b'+' || b == b'-',
            _ => b.is_ascii_digit(),
        });
    // XML Schema's time zones run from -14:00 to +14:00.
    let zone_ok = shaped && {
        let (h, m) = (&t[20..22], &t[23..25]);
        let (h, m) = (
            h.parse::<u32>().unwrap_or(99),
            m.parse::<u32>().unwrap_or(99),
        );
        m < 60 && (h < 14 || (h == 14 && m == 0))
    };
    let parsed = if zone_ok {
        DateTime::parse_from_rfc3339(&t).ok()
    } else {
        None
    };
    parsed.ok_or_else(|| {
        fault(
            doc,
            n,
            format!(
                "`{t}` is not a CAP time: `YYYY-MM-DDThh:mm:ss` and an offset within -14:00 to \
                 +14:00 such as `+05:00` (`-00:00` for UTC; no `Z`)"
            ),
        )
    })
}

fn string_opt(
    doc: &Document<'_>,
    s: &mut Seq<'_, '_, '_>,
    name: &str,
) -> Result<Option<String>, XmlFault> {
    s.opt(CAP_NS, name).map(|n| text_of(doc, n)).transpose()
}

fn named(
    doc: &Document<'_>,
    s: &mut Seq<'_, '_, '_>,
    name: &str,
) -> Result<Vec<NamedValue>, XmlFault> {
    s.many(CAP_NS, name)
        .into_iter()
        .map(|n| {
            let mut inner = Seq::new(doc, n)?;
            let name = text_of(doc, inner.one(CAP_NS, "valueName")?)?;
            let value = text_of(doc, inner.one(CAP_NS, "value")?)?;
            inner.end()?;
            Ok(NamedValue { name, value })
        })
        .collect()
}

/// An `xs:anyURI`: an RFC 3986 reference (non-ASCII allowed, as IRIs have it).
pub(crate) fn uri_of(doc: &Document<'_>, n: Node<'_, '_>) -> Result<String, XmlFault> {
    let t = token_of(doc, n)?;
    let b = t.as_bytes();
    let bad_escape = b.iter().enumerate().any(|(i, c)| {
        *c == b'%'
            && !(b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    });
    let bad_char = t.chars().find(|c| {
        c.is_ascii() && !(c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(*c))
    });
    if let Some(c) = bad_char {
        return Err(fault(
            doc,
            n,
            format!("`{t}` is not a URI: `{c}` must be %-escaped"),
        ));
    }
    // A colon before the first `/`, `?` or `#` ends a scheme, which starts with a letter.
    let first = t.split(['/', '?', '#']).next().unwrap_or("");
    let bad_scheme = first.split_once(':').is_some_and(|(scheme, _)| {
        !(scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c)))
    });
    // Brackets belong to an IPv6 host only.
    let host = t
        .split_once("//")
        .map(|(_, rest)| rest.split(['/', '?', '#']).next().unwrap_or(""))
        .unwrap_or("");
    let brackets = t.matches(['[', ']']).count() != host.matches(['[', ']']).count();
    // A port, if the host has one, is digits.
    let host_port = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let bad_port = host_port
        .rsplit_once(':')
        .filter(|(h, _)| !h.starts_with('[') || h.ends_with(']'))
        .is_some_and(|(_, port)| port.is_empty() || !port.chars().all(|c| c.is_ascii_digit()));
    if bad_escape || bad_scheme || brackets || bad_port || t.matches('#').count() > 1 {
        return Err(fault(doc, n, format!("`{t}` is not a URI")));
    }
    Ok(t)
}

fn number(doc: &Document<'_>, n: Node<'_, '_>) -> Result<f64, XmlFault> {
    let t = token_of(doc, n)?;
    let ok = !t.is_empty()
        && t.trim_start_matches(['+', '-'])
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.')
        && t.matches('.').count() <= 1;
    t.parse::<f64>()
        .ok()
        .filter(|v| ok && v.is_finite())
        .ok_or_else(|| fault(doc, n, format!("`{t}` is not a decimal number")))
}

fn pair(doc: &Document<'_>, n: Node<'_, '_>, s: &str) -> Result<[f64; 2], XmlFault> {
    let bad = || fault(doc, n, format!("`{s}` is not a `latitude,longitude` pair"));
    let (a, b) = s.split_once(',').ok_or_else(bad)?;
    let lat = a.trim().parse::<f64>().map_err(|_| bad())?;
    let lon = b.trim().parse::<f64>().map_err(|_| bad())?;
    Ok([lat, lon])
}

/// Reads an `alert` element and checks it.
pub(crate) fn read_alert(doc: &Document<'_>, node: Node<'_, '_>) -> Result<Alert, XmlFault> {
    if !(node.tag_name().namespace() == Some(CAP_NS) && node.tag_name().name() == "alert") {
        return Err(fault(
            doc,
            node,
            format!(
                "expected a CAP 1.2 <alert> (namespace {CAP_NS}), found <{}>{}",
                node.tag_name().name(),
                node.tag_name()
                    .namespace()
                    .map(|n| format!(" in namespace {n}"))
                    .unwrap_or_else(|| " without a namespace".into())
            ),
        ));
    }
    let mut s = Seq::new(doc, node)?;
    let identifier = text_of(doc, s.one(CAP_NS, "identifier")?)?;
    let sender = text_of(doc, s.one(CAP_NS, "sender")?)?;
    let sent = time_of(doc, s.one(CAP_NS, "sent")?)?;
    let status = enum_value!(doc, s.one(CAP_NS, "status")?, CapStatus)?;
    let msg_type = enum_value!(doc, s.one(CAP_NS, "msgType")?, MsgType)?;
    let source = string_opt(doc, &mut s, "source")?;
    let scope = enum_value!(doc, s.one(CAP_NS, "scope")?, Scope)?;
    let restriction = string_opt(doc, &mut s, "restriction")?;
    let addresses = string_opt(doc, &mut s, "addresses")?;
    let codes = s
        .many(CAP_NS, "code")
        .into_iter()
        .map(|n| text_of(doc, n))
        .collect::<Result<_, _>>()?;
    let note = string_opt(doc, &mut s, "note")?;
    let references = string_opt(doc, &mut s, "references")?;
    let incidents = string_opt(doc, &mut s, "incidents")?;
    let mut infos = Vec::new();
    for n in s.many(CAP_NS, "info") {
        infos.push(read_info(doc, n)?);
    }
    // A signature may close the alert; it is not verified here.
    s.foreign(DSIG_NS);
    s.end()?;
    let alert = Alert {
        identifier,
        sender,
        sent,
        status,
        msg_type,
        source,
        scope,
        restriction,
        addresses,
        codes,
        note,
        references,
        incidents,
        infos,
    };
    alert.check().map_err(|e| fault(doc, node, e.to_string()))?;
    Ok(alert)
}

fn read_info(doc: &Document<'_>, node: Node<'_, '_>) -> Result<Info, XmlFault> {
    let mut s = Seq::new(doc, node)?;
    let language = match s.opt(CAP_NS, "language") {
        Some(n) => {
            let t = token_of(doc, n)?;
            let ok = !t.is_empty()
                && t.split('-').enumerate().all(|(i, part)| {
                    (1..=8).contains(&part.len())
                        && part
                            .chars()
                            .all(|c| c.is_ascii_alphabetic() || (i > 0 && c.is_ascii_digit()))
                });
            if !ok {
                return Err(fault(
                    doc,
                    n,
                    format!("`{t}` is not a language tag (`ru-RU`)"),
                ));
            }
            Some(t)
        }
        None => None,
    };
    let categories = s
        .many(CAP_NS, "category")
        .into_iter()
        .map(|n| enum_value!(doc, n, CapCategory))
        .collect::<Result<Vec<_>, _>>()?;
    if categories.is_empty() {
        s.one(CAP_NS, "category")?;
    }
    let event = text_of(doc, s.one(CAP_NS, "event")?)?;
    let response_types = s
        .many(CAP_NS, "responseType")
        .into_iter()
        .map(|n| enum_value!(doc, n, ResponseType))
        .collect::<Result<Vec<_>, _>>()?;
    let urgency = enum_value!(doc, s.one(CAP_NS, "urgency")?, Urgency)?;
    let severity = enum_value!(doc, s.one(CAP_NS, "severity")?, Severity)?;
    let certainty = enum_value!(doc, s.one(CAP_NS, "certainty")?, Certainty)?;
    let audience = string_opt(doc, &mut s, "audience")?;
    let event_codes = named(doc, &mut s, "eventCode")?;
    let mut times = [None, None, None];
    for (i, name) in ["effective", "onset", "expires"].into_iter().enumerate() {
        if let Some(n) = s.opt(CAP_NS, name) {
            times[i] = Some(time_of(doc, n)?);
        }
    }
    let [effective, onset, expires] = times;
    let sender_name = string_opt(doc, &mut s, "senderName")?;
    let headline = string_opt(doc, &mut s, "headline")?;
    let description = string_opt(doc, &mut s, "description")?;
    let instruction = string_opt(doc, &mut s, "instruction")?;
    let web = s.opt(CAP_NS, "web").map(|n| uri_of(doc, n)).transpose()?;
    let contact = string_opt(doc, &mut s, "contact")?;
    let parameters = named(doc, &mut s, "parameter")?;
    let mut resources = Vec::new();
    for n in s.many(CAP_NS, "resource") {
        let mut r = Seq::new(doc, n)?;
        let desc = text_of(doc, r.one(CAP_NS, "resourceDesc")?)?;
        let mime_type = text_of(doc, r.one(CAP_NS, "mimeType")?)?;
        let size = match r.opt(CAP_NS, "size") {
            Some(n) => {
                let t = token_of(doc, n)?;
                Some(
                    t.parse::<u64>()
                        .map_err(|_| fault(doc, n, format!("`{t}` is not a size in bytes")))?,
                )
            }
            None => None,
        };
        let uri = r.opt(CAP_NS, "uri").map(|n| uri_of(doc, n)).transpose()?;
        let deref_uri = string_opt(doc, &mut r, "derefUri")?;
        let digest = string_opt(doc, &mut r, "digest")?;
        r.end()?;
        resources.push(Resource {
            desc,
            mime_type,
            size,
            uri,
            deref_uri,
            digest,
        });
    }
    let mut areas = Vec::new();
    for n in s.many(CAP_NS, "area") {
        areas.push(read_area(doc, n)?);
    }
    s.end()?;
    Ok(Info {
        language,
        categories,
        event,
        response_types,
        urgency,
        severity,
        certainty,
        audience,
        event_codes,
        effective,
        onset,
        expires,
        sender_name,
        headline,
        description,
        instruction,
        web,
        contact,
        parameters,
        resources,
        areas,
    })
}

fn read_area(doc: &Document<'_>, node: Node<'_, '_>) -> Result<Area, XmlFault> {
    let mut s = Seq::new(doc, node)?;
    let desc = text_of(doc, s.one(CAP_NS, "areaDesc")?)?;
    let mut polygons = Vec::new();
    for n in s.many(CAP_NS, "polygon") {
        let t = text_of(doc, n)?;
        let points = t
            .split_whitespace()
            .map(|p| pair(doc, n, p))
            .collect::<Result<Vec<_>, _>>()?;
        polygons.push(points);
    }
    let mut circles = Vec::new();
    for n in s.many(CAP_NS, "circle") {
        let t = text_of(doc, n)?;
        let mut parts = t.split_whitespace();
        let (Some(centre), Some(radius), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(fault(
                doc,
                n,
                format!("`{t}` is not a circle: `latitude,longitude radius-km`"),
            ));
        };
        let centre = pair(doc, n, centre)?;
        let radius_km = radius
            .parse::<f64>()
            .map_err(|_| fault(doc, n, format!("`{radius}` is not a radius in kilometres")))?;
        circles.push(Circle { centre, radius_km });
    }
    let geocodes = named(doc, &mut s, "geocode")?;
    let altitude = s
        .opt(CAP_NS, "altitude")
        .map(|n| number(doc, n))
        .transpose()?;
    let ceiling = s
        .opt(CAP_NS, "ceiling")
        .map(|n| number(doc, n))
        .transpose()?;
    s.end()?;
    Ok(Area {
        desc,
        polygons,
        circles,
        geocodes,
        altitude,
        ceiling,
    })
}
