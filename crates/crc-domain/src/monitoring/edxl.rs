//! OASIS EDXL Distribution Element 1.0: the envelope CAP alerts travel in between the centre
//! and the states' authorized bodies. An envelope's status must agree with its alerts'
//! (an Exercise envelope carries only Exercise alerts), so that exercise traffic is known as
//! such before anything inside it is read.

use chrono::{DateTime, FixedOffset};
use quick_xml::events::{BytesDecl, BytesStart, Event};
use quick_xml::Writer;
use serde::{Deserialize, Serialize};

use super::cap::{cap_time, close, open, text, Alert, CapStatus};
use super::cap_read::{
    fault, parse_document, read_alert, text_of, time_of, token_of, Seq, XmlFault,
};
use crate::error::DomainError;

/// The EDXL-DE 1.0 namespace.
pub const DE_NS: &str = "urn:oasis:names:tc:emergency:EDXL:DE:1.0";

/// The value list keywords are drawn from.
pub const KEYWORD_LIST: &str = "urn:crc:monitoring:category";

/// An envelope's status (EDXL-DE has no Draft).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeStatus {
    /// Real-world.
    Actual,
    /// Exercise.
    Exercise,
    /// The network itself.
    System,
    /// Testing.
    Test,
}

impl DeStatus {
    const ALL: [DeStatus; 4] = [
        DeStatus::Actual,
        DeStatus::Exercise,
        DeStatus::System,
        DeStatus::Test,
    ];

    /// The value as written.
    pub fn as_str(self) -> &'static str {
        match self {
            DeStatus::Actual => "Actual",
            DeStatus::Exercise => "Exercise",
            DeStatus::System => "System",
            DeStatus::Test => "Test",
        }
    }

    /// Whether an alert of `status` may travel in an envelope of this status.
    pub fn carries(self, status: CapStatus) -> bool {
        matches!(
            (self, status),
            (DeStatus::Actual, CapStatus::Actual)
                | (DeStatus::Exercise, CapStatus::Exercise)
                | (DeStatus::System, CapStatus::System)
                | (DeStatus::Test, CapStatus::Test | CapStatus::Draft)
        )
    }

    /// The envelope status for alerts of `status`.
    pub fn for_alerts(status: CapStatus) -> DeStatus {
        match status {
            CapStatus::Actual => DeStatus::Actual,
            CapStatus::Exercise => DeStatus::Exercise,
            CapStatus::System => DeStatus::System,
            CapStatus::Test | CapStatus::Draft => DeStatus::Test,
        }
    }
}

/// An EDXL-DE envelope of CAP alerts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Distribution {
    /// Unique per sender.
    pub id: String,
    /// The sender (`crc@joint-staff`).
    pub sender: String,
    /// When sent.
    pub sent: DateTime<FixedOffset>,
    /// Actual, Exercise, System or Test.
    pub status: DeStatus,
    /// `Report`, `Update`, `Cancel`, ... as EDXL-DE lists them.
    pub kind: String,
    /// The most restrictive confidentiality of the contents (`UNCLASSIFIED AND NOT SENSITIVE`,
    /// or the releasability label).
    pub confidentiality: String,
    /// RFC 3066 language of the envelope's texts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Keywords (the monitoring categories of the contents).
    #[serde(default)]
    pub keywords: Vec<String>,
    /// ISO 3166-1 codes of the countries concerned.
    #[serde(default)]
    pub countries: Vec<String>,
    /// The alerts, one content object each.
    pub alerts: Vec<Alert>,
}

const TYPES: [&str; 12] = [
    "Report",
    "Update",
    "Cancel",
    "Request",
    "Response",
    "Dispatch",
    "Ack",
    "Error",
    "SensorConfiguration",
    "SensorControl",
    "SensorStatus",
    "SensorDetection",
];

/// What an envelope held besides alerts, said back to whoever sent it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Skipped {
    /// Content objects holding no CAP alert (files, other XML), by position from 1.
    pub contents: Vec<usize>,
}

impl Distribution {
    /// Checks the envelope and every alert, and that their statuses agree.
    pub fn check(&self) -> Result<(), DomainError> {
        if self.id.trim().is_empty() {
            return Err(DomainError::invalid("distribution.id", "is empty"));
        }
        if self.sender.trim().is_empty() {
            return Err(DomainError::invalid("distribution.sender", "is empty"));
        }
        if !TYPES.contains(&self.kind.as_str()) {
            return Err(DomainError::invalid(
                "distribution.kind",
                format!("`{}` is not one of {}", self.kind, TYPES.join(", ")),
            ));
        }
        for (i, a) in self.alerts.iter().enumerate() {
            a.check().map_err(|e| {
                DomainError::invalid(format!("distribution.alerts[{i}]"), e.to_string())
            })?;
            if !self.status.carries(a.status) {
                return Err(DomainError::invalid(
                    format!("distribution.alerts[{i}].status"),
                    format!(
                        "a {} alert cannot travel in a {} envelope",
                        a.status.as_str(),
                        self.status.as_str()
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The envelope as an EDXL-DE 1.0 document.
    pub fn to_xml(&self) -> String {
        let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
            .expect("writing to memory");
        let mut root = BytesStart::new("EDXLDistribution");
        root.push_attribute(("xmlns", DE_NS));
        open(&mut w, root);
        text(&mut w, "distributionID", &self.id);
        text(&mut w, "senderID", &self.sender);
        text(&mut w, "dateTimeSent", &cap_time(&self.sent));
        text(&mut w, "distributionStatus", self.status.as_str());
        text(&mut w, "distributionType", &self.kind);
        text(&mut w, "combinedConfidentiality", &self.confidentiality);
        if let Some(l) = &self.language {
            text(&mut w, "language", l);
        }
        if !self.keywords.is_empty() {
            open(&mut w, BytesStart::new("keyword"));
            text(&mut w, "valueListUrn", KEYWORD_LIST);
            for k in &self.keywords {
                text(&mut w, "value", k);
            }
            close(&mut w, "keyword");
        }
        if !self.countries.is_empty() {
            open(&mut w, BytesStart::new("targetArea"));
            for c in &self.countries {
                text(&mut w, "country", c);
            }
            close(&mut w, "targetArea");
        }
        for a in &self.alerts {
            open(&mut w, BytesStart::new("contentObject"));
            if let Some(h) = a.infos.first().and_then(|i| i.headline.as_ref()) {
                text(&mut w, "contentDescription", h);
            }
            open(&mut w, BytesStart::new("xmlContent"));
            open(&mut w, BytesStart::new("embeddedXMLContent"));
            // The alert declares its own namespace: EDXL-DE's `any` is of another namespace.
            a.write(&mut w, true);
            close(&mut w, "embeddedXMLContent");
            close(&mut w, "xmlContent");
            close(&mut w, "contentObject");
        }
        close(&mut w, "EDXLDistribution");
        String::from_utf8(w.into_inner()).expect("quick-xml writes UTF-8")
    }

    /// Reads an EDXL-DE 1.0 document and the CAP alerts it carries; content objects without
    /// an alert are listed in [`Skipped`].
    pub fn parse(xml: &str) -> Result<(Distribution, Skipped), XmlFault> {
        let doc = parse_document(xml)?;
        let root = doc.root_element();
        if !(root.tag_name().namespace() == Some(DE_NS)
            && root.tag_name().name() == "EDXLDistribution")
        {
            return Err(fault(
                &doc,
                root,
                format!(
                    "expected an EDXL-DE 1.0 <EDXLDistribution> (namespace {DE_NS}), found <{}>",
                    root.tag_name().name()
                ),
            ));
        }
        let mut s = Seq::new(&doc, root)?;
        let id = text_of(&doc, s.one(DE_NS, "distributionID")?)?;
        let sender = text_of(&doc, s.one(DE_NS, "senderID")?)?;
        let sent_node = s.one(DE_NS, "dateTimeSent")?;
        let sent = time_of(&doc, sent_node)?;
        let status_node = s.one(DE_NS, "distributionStatus")?;
        let status_text = token_of(&doc, status_node)?;
        let status = DeStatus::ALL
            .into_iter()
            .find(|v| v.as_str() == status_text)
            .ok_or_else(|| {
                fault(
                    &doc,
                    status_node,
                    format!("`{status_text}` is not a distributionStatus: Actual, Exercise, System or Test"),
                )
            })?;
        let kind_node = s.one(DE_NS, "distributionType")?;
        let kind = token_of(&doc, kind_node)?;
        if !TYPES.contains(&kind.as_str()) {
            return Err(fault(
                &doc,
                kind_node,
                format!(
                    "`{kind}` is not a distributionType: one of {}",
                    TYPES.join(", ")
                ),
            ));
        }
        let confidentiality = text_of(&doc, s.one(DE_NS, "combinedConfidentiality")?)?;
        let language = s
            .opt(DE_NS, "language")
            .map(|n| text_of(&doc, n))
            .transpose()?;
        for name in ["senderRole", "recipientRole"] {
            for n in s.many(DE_NS, name) {
                value_list(&doc, n)?;
            }
        }
        let mut keywords = Vec::new();
        for n in s.many(DE_NS, "keyword") {
            let (urn, values) = value_list(&doc, n)?;
            if urn == KEYWORD_LIST {
                keywords.extend(values);
            }
        }
        for n in s.many(DE_NS, "distributionReference") {
            text_of(&doc, n)?;
        }
        for n in s.many(DE_NS, "explicitAddress") {
            let mut e = Seq::new(&doc, n)?;
            text_of(&doc, e.one(DE_NS, "explicitAddressScheme")?)?;
            let values = e.many(DE_NS, "explicitAddressValue");
            if values.is_empty() {
                e.one(DE_NS, "explicitAddressValue")?;
            }
            e.end()?;
        }
        let mut countries = Vec::new();
        for n in s.many(DE_NS, "targetArea") {
            let mut t = Seq::new(&doc, n)?;
            for name in ["circle", "polygon"] {
                for c in t.many(DE_NS, name) {
                    text_of(&doc, c)?;
                }
            }
            for c in t.many(DE_NS, "country") {
                countries.push(token_of(&doc, c)?);
            }
            for name in ["subdivision", "locCodeUN"] {
                for c in t.many(DE_NS, name) {
                    text_of(&doc, c)?;
                }
            }
            t.end()?;
        }
        let mut alerts = Vec::new();
        let mut skipped = Skipped::default();
        for (i, n) in s.many(DE_NS, "contentObject").into_iter().enumerate() {
            let found = read_content(&doc, n)?;
            if found.is_empty() {
                skipped.contents.push(i + 1);
            }
            for a in found {
                if !status.carries(a.1.status) {
                    return Err(fault(
                        &doc,
                        a.0,
                        format!(
                            "a {} alert cannot travel in a {} envelope",
                            a.1.status.as_str(),
                            status.as_str()
                        ),
                    ));
                }
                alerts.push(a.1);
            }
        }
        s.end()?;
        Ok((
            Distribution {
                id,
                sender,
                sent,
                status,
                kind,
                confidentiality,
                language,
                keywords,
                countries,
                alerts,
            },
            skipped,
        ))
    }
}

fn value_list(
    doc: &roxmltree::Document<'_>,
    n: roxmltree::Node<'_, '_>,
) -> Result<(String, Vec<String>), XmlFault> {
    let mut s = Seq::new(doc, n)?;
    let urn = token_of(doc, s.one(DE_NS, "valueListUrn")?)?;
    let nodes = s.many(DE_NS, "value");
    if nodes.is_empty() {
        s.one(DE_NS, "value")?;
    }
    s.end()?;
    let values = nodes
        .into_iter()
        .map(|v| text_of(doc, v))
        .collect::<Result<_, _>>()?;
    Ok((urn, values))
}

/// The CAP alerts of one content object, with the node each was read from.
fn read_content<'a, 'i>(
    doc: &'a roxmltree::Document<'i>,
    n: roxmltree::Node<'a, 'i>,
) -> Result<Vec<(roxmltree::Node<'a, 'i>, Alert)>, XmlFault> {
    let mut s = Seq::new(doc, n)?;
    s.opt(DE_NS, "contentDescription");
    for k in s.many(DE_NS, "contentKeyword") {
        value_list(doc, k)?;
    }
    s.opt(DE_NS, "incidentID");
    s.opt(DE_NS, "incidentDescription");
    for name in ["originatorRole", "consumerRole"] {
        for k in s.many(DE_NS, name) {
            value_list(doc, k)?;
        }
    }
    s.opt(DE_NS, "confidentiality");
    let mut alerts = Vec::new();
    if let Some(x) = s.opt(DE_NS, "xmlContent") {
        let mut xs = Seq::new(doc, x)?;
        let keyed = xs.many(DE_NS, "keyXMLContent");
        let embedded = xs.many(DE_NS, "embeddedXMLContent");
        xs.end()?;
        for holder in keyed.into_iter().chain(embedded) {
            // anyXMLType: elements of other namespaces only (at least one), no text, and only
            // attributes of other namespaces.
            if let Some(a) = holder
                .attributes()
                .find(|a| a.namespace().is_none_or(|ns| ns == DE_NS))
            {
                return Err(fault(
                    doc,
                    holder,
                    format!(
                        "<{}> takes no attribute `{}`",
                        holder.tag_name().name(),
                        a.name()
                    ),
                ));
            }
            if let Some(t) = holder
                .children()
                .find(|c| c.is_text() && !c.text().unwrap_or("").trim().is_empty())
            {
                return Err(fault(
                    doc,
                    t,
                    "text is not allowed here: only embedded XML elements",
                ));
            }
            if !holder.children().any(|c| c.is_element()) {
                return Err(fault(
                    doc,
                    holder,
                    format!("<{}> holds no XML element", holder.tag_name().name()),
                ));
            }
            for child in holder.children().filter(|c| c.is_element()) {
                if child.tag_name().namespace().is_none_or(|ns| ns == DE_NS) {
                    return Err(fault(
                        doc,
                        child,
                        "embedded content must be in a namespace other than EDXL-DE's",
                    ));
                }
                if child.tag_name().name() == "alert"
                    && child.tag_name().namespace() == Some(super::cap::CAP_NS)
                {
                    alerts.push((child, read_alert(doc, child)?));
                }
            }
        }
    } else if let Some(x) = s.opt(DE_NS, "nonXMLContent") {
        let mut xs = Seq::new(doc, x)?;
        text_of(doc, xs.one(DE_NS, "mimeType")?)?;
        for name in ["size", "digest", "uri", "contentData"] {
            if let Some(c) = xs.opt(DE_NS, name) {
                text_of(doc, c)?;
            }
        }
        xs.end()?;
    } else {
        s.one(DE_NS, "xmlContent")?;
    }
    // The schema lets elements of other namespaces extend a content object at its end.
    s.others(DE_NS);
    s.end()?;
    Ok(alerts)
}
