//! OASIS Common Alerting Protocol 1.2: the alert model, its checks and its XML form.
//! `cap_read` reads it; `edxl` wraps alerts in EDXL-DE 1.0 envelopes.
//!
//! Written by hand on quick-xml and roxmltree because no maintained Rust crate reads and writes
//! CAP 1.2: the model follows the standard element for element, in the schema's order, so that
//! everything crc writes validates against the official CAP-v1.2.xsd (the tests check with
//! xmllint) and everything the schema refuses is refused on import.

use chrono::{DateTime, FixedOffset, SecondsFormat};
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use serde::{Deserialize, Serialize};

use crate::error::DomainError;

/// The CAP 1.2 namespace.
pub const CAP_NS: &str = "urn:oasis:names:tc:emergency:cap:1.2";

macro_rules! cap_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $($(#[$vm])* $v),+ }

        impl $name {
            /// Every value, in the standard's order.
            pub const ALL: &'static [$name] = &[$($name::$v),+];

            /// The value as CAP writes it.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$v => stringify!($v)),+ }
            }

            /// Parses the value as CAP writes it (case matters, as in the schema).
            pub fn parse(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }
        }
    };
}

cap_enum!(
    /// Who an alert is meant for: a real event, an exercise, a test, or the system itself.
    CapStatus {
        /// Actionable by all targeted recipients.
        Actual,
        /// Actionable only by designated exercise participants.
        Exercise,
        /// For messages that support alert network internal functions.
        System,
        /// Technical testing only; all recipients disregard.
        Test,
        /// A preliminary template or draft, not actionable in its current form.
        Draft,
    }
);

cap_enum!(
    /// What the message does.
    MsgType {
        /// Initial information requiring attention.
        Alert,
        /// Updates and supersedes earlier messages.
        Update,
        /// Cancels earlier messages.
        Cancel,
        /// Acknowledges receipt.
        Ack,
        /// Rejects a message.
        Error,
    }
);

cap_enum!(
    /// Who may see it.
    Scope {
        /// General dissemination to unrestricted audiences.
        Public,
        /// Users with a known operational requirement (`restriction` says who).
        Restricted,
        /// Specified addresses only (`addresses`).
        Private,
    }
);

cap_enum!(
    /// The CAP category of the event.
    CapCategory {
        /// Geophysical.
        Geo,
        /// Meteorological.
        Met,
        /// General emergency and public safety.
        Safety,
        /// Law enforcement, military, homeland and local/private security.
        Security,
        /// Rescue and recovery.
        Rescue,
        /// Fire suppression and rescue.
        Fire,
        /// Medical and public health.
        Health,
        /// Pollution and other environmental.
        Env,
        /// Public and private transportation.
        Transport,
        /// Utility, telecommunication, other non-transport infrastructure.
        Infra,
        /// Chemical, biological, radiological, nuclear or high-yield explosive.
        CBRNE,
        /// Other events.
        Other,
    }
);

cap_enum!(
    /// The action recommended.
    ResponseType {
        /// Take shelter in place.
        Shelter,
        /// Relocate.
        Evacuate,
        /// Make preparations.
        Prepare,
        /// Execute a pre-planned activity.
        Execute,
        /// Avoid the subject event.
        Avoid,
        /// Attend to information sources.
        Monitor,
        /// Evaluate the information.
        Assess,
        /// The subject event no longer poses a threat.
        AllClear,
        /// No action recommended.
        None,
    }
);

cap_enum!(
    /// How soon to act.
    Urgency {
        /// Now.
        Immediate,
        /// Within the next hour.
        Expected,
        /// In the near future.
        Future,
        /// No longer required.
        Past,
        /// Not known.
        Unknown,
    }
);

cap_enum!(
    /// How bad.
    Severity {
        /// Extraordinary threat to life or property.
        Extreme,
        /// Significant threat to life or property.
        Severe,
        /// Possible threat to life or property.
        Moderate,
        /// Minimal to no known threat.
        Minor,
        /// Not known.
        Unknown,
    }
);

cap_enum!(
    /// How sure.
    Certainty {
        /// Determined to have occurred or to be ongoing.
        Observed,
        /// Likely (p > ~50%).
        Likely,
        /// Possible but not likely (p <= ~50%).
        Possible,
        /// Not expected to occur (p ~ 0).
        Unlikely,
        /// Not known.
        Unknown,
    }
);

/// A name and a value (`eventCode`, `parameter`, `geocode`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedValue {
    /// `valueName`.
    pub name: String,
    /// `value`.
    pub value: String,
}

/// A file the alert refers to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resource {
    /// What it is.
    pub desc: String,
    /// Its MIME type.
    pub mime_type: String,
    /// Size in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    /// Where it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    /// The file itself, base64-encoded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deref_uri: Option<String>,
    /// Its SHA-1 digest, as CAP has it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
}

/// A circle: centre `[lat, lon]` (CAP's order) and radius in kilometres.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Circle {
    /// Centre, latitude then longitude.
    pub centre: [f64; 2],
    /// Radius, km.
    pub radius_km: f64,
}

/// The area an alert is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Area {
    /// In words.
    pub desc: String,
    /// Polygons of `[lat, lon]` pairs (CAP's order), each closed.
    #[serde(default)]
    pub polygons: Vec<Vec<[f64; 2]>>,
    /// Circles.
    #[serde(default)]
    pub circles: Vec<Circle>,
    /// Geographic codes (`ISO3166-1`: `TJK`).
    #[serde(default)]
    pub geocodes: Vec<NamedValue>,
    /// Altitude, feet above sea level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub altitude: Option<f64>,
    /// Ceiling, feet above sea level (with an altitude).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ceiling: Option<f64>,
}

/// One `info` block: the event in one language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Info {
    /// RFC 3066 language (`ru-RU`); CAP's default is `en-US`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Categories (at least one).
    pub categories: Vec<CapCategory>,
    /// The event in words.
    pub event: String,
    /// Recommended actions.
    #[serde(default)]
    pub response_types: Vec<ResponseType>,
    /// Urgency.
    pub urgency: Urgency,
    /// Severity.
    pub severity: Severity,
    /// Certainty.
    pub certainty: Certainty,
    /// The audience, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    /// System-specific event codes.
    #[serde(default)]
    pub event_codes: Vec<NamedValue>,
    /// When it takes effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective: Option<DateTime<FixedOffset>>,
    /// When the event begins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub onset: Option<DateTime<FixedOffset>>,
    /// When it expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<DateTime<FixedOffset>>,
    /// Who sends it, for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_name: Option<String>,
    /// Headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Instruction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instruction: Option<String>,
    /// A web page with more.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web: Option<String>,
    /// Whom to contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// System-specific parameters.
    #[serde(default)]
    pub parameters: Vec<NamedValue>,
    /// Files.
    #[serde(default)]
    pub resources: Vec<Resource>,
    /// Areas.
    #[serde(default)]
    pub areas: Vec<Area>,
}

/// A CAP 1.2 alert.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alert {
    /// Unique per sender.
    pub identifier: String,
    /// The sender, globally unique (`crc@joint-staff`).
    pub sender: String,
    /// When sent, with its offset.
    pub sent: DateTime<FixedOffset>,
    /// Actual, Exercise, System, Test or Draft.
    pub status: CapStatus,
    /// Alert, Update, Cancel, Ack or Error.
    pub msg_type: MsgType,
    /// The operator or device that originated it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Public, Restricted or Private.
    pub scope: Scope,
    /// Who may see a Restricted alert.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restriction: Option<String>,
    /// The addresses of a Private alert.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addresses: Option<String>,
    /// Handling codes.
    #[serde(default)]
    pub codes: Vec<String>,
    /// A note (for Exercise alerts, the exercise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Earlier messages referred to: `sender,identifier,sent` triples, space-separated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub references: Option<String>,
    /// Incidents the alert belongs to, space-separated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incidents: Option<String>,
    /// The event in each language.
    #[serde(default)]
    pub infos: Vec<Info>,
}

impl Alert {
    /// The rules of the CAP 1.2 standard the schema cannot state: identifiers without spaces,
    /// commas or markup characters; a restriction for Restricted and addresses for Private
    /// alerts; closed polygons of at least four points; sane coordinates and radii.
    pub fn check(&self) -> Result<(), DomainError> {
        check_token("alert.identifier", &self.identifier)?;
        check_token("alert.sender", &self.sender)?;
        check_zone("alert.sent", &self.sent)?;
        match self.scope {
            Scope::Restricted if self.restriction.as_deref().is_none_or(str::is_empty) => {
                return Err(DomainError::invalid(
                    "alert.restriction",
                    "a Restricted alert says who may see it",
                ))
            }
            Scope::Private if self.addresses.as_deref().is_none_or(str::is_empty) => {
                return Err(DomainError::invalid(
                    "alert.addresses",
                    "a Private alert names its addresses",
                ))
            }
            _ => {}
        }
        for (i, info) in self.infos.iter().enumerate() {
            let at = format!("alert.info[{i}]");
            if info.categories.is_empty() {
                return Err(DomainError::invalid(
                    format!("{at}.category"),
                    "at least one category",
                ));
            }
            for (name, t) in [
                ("effective", &info.effective),
                ("onset", &info.onset),
                ("expires", &info.expires),
            ] {
                if let Some(t) = t {
                    check_zone(&format!("{at}.{name}"), t)?;
                }
            }
            if info.event.trim().is_empty() {
                return Err(DomainError::invalid(format!("{at}.event"), "is empty"));
            }
            for (j, a) in info.areas.iter().enumerate() {
                let at = format!("{at}.area[{j}]");
                for (k, p) in a.polygons.iter().enumerate() {
                    let at = format!("{at}.polygon[{k}]");
                    if p.len() < 4 || p.first() != p.last() {
                        return Err(DomainError::invalid(
                            at,
                            "a polygon is at least four points, the last equal to the first",
                        ));
                    }
                    for q in p {
                        check_lat_lon(&at, *q)?;
                    }
                }
                if a.ceiling.is_some() && a.altitude.is_none() {
                    return Err(DomainError::invalid(
                        format!("{at}.ceiling"),
                        "a ceiling needs an altitude",
                    ));
                }
                for (k, c) in a.circles.iter().enumerate() {
                    let at = format!("{at}.circle[{k}]");
                    check_lat_lon(&at, c.centre)?;
                    if !(c.radius_km.is_finite() && c.radius_km >= 0.0) {
                        return Err(DomainError::invalid(at, "the radius is not a distance"));
                    }
                }
            }
        }
        Ok(())
    }

    /// The alert as a CAP 1.2 document (with its XML declaration).
    pub fn to_xml(&self) -> String {
        let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
            .expect("writing to memory");
        self.write(&mut w, true);
        String::from_utf8(w.into_inner()).expect("quick-xml writes UTF-8")
    }

    /// Writes the `alert` element, with its namespace declaration if `declare`.
    pub(crate) fn write(&self, w: &mut Writer<Vec<u8>>, declare: bool) {
        let mut start = BytesStart::new("alert");
        if declare {
            start.push_attribute(("xmlns", CAP_NS));
        }
        open(w, start);
        text(w, "identifier", &self.identifier);
        text(w, "sender", &self.sender);
        text(w, "sent", &cap_time(&self.sent));
        text(w, "status", self.status.as_str());
        text(w, "msgType", self.msg_type.as_str());
        opt(w, "source", &self.source);
        text(w, "scope", self.scope.as_str());
        opt(w, "restriction", &self.restriction);
        opt(w, "addresses", &self.addresses);
        for c in &self.codes {
            text(w, "code", c);
        }
        opt(w, "note", &self.note);
        opt(w, "references", &self.references);
        opt(w, "incidents", &self.incidents);
        for info in &self.infos {
            open(w, BytesStart::new("info"));
            opt(w, "language", &info.language);
            for c in &info.categories {
                text(w, "category", c.as_str());
            }
            text(w, "event", &info.event);
            for r in &info.response_types {
                text(w, "responseType", r.as_str());
            }
            text(w, "urgency", info.urgency.as_str());
            text(w, "severity", info.severity.as_str());
            text(w, "certainty", info.certainty.as_str());
            opt(w, "audience", &info.audience);
            named(w, "eventCode", &info.event_codes);
            for (name, t) in [
                ("effective", &info.effective),
                ("onset", &info.onset),
                ("expires", &info.expires),
            ] {
                if let Some(t) = t {
                    text(w, name, &cap_time(t));
                }
            }
            opt(w, "senderName", &info.sender_name);
            opt(w, "headline", &info.headline);
            opt(w, "description", &info.description);
            opt(w, "instruction", &info.instruction);
            opt(w, "web", &info.web);
            opt(w, "contact", &info.contact);
            named(w, "parameter", &info.parameters);
            for r in &info.resources {
                open(w, BytesStart::new("resource"));
                text(w, "resourceDesc", &r.desc);
                text(w, "mimeType", &r.mime_type);
                if let Some(s) = r.size {
                    text(w, "size", &s.to_string());
                }
                opt(w, "uri", &r.uri);
                opt(w, "derefUri", &r.deref_uri);
                opt(w, "digest", &r.digest);
                close(w, "resource");
            }
            for a in &info.areas {
                open(w, BytesStart::new("area"));
                text(w, "areaDesc", &a.desc);
                for p in &a.polygons {
                    let pairs: Vec<String> =
                        p.iter().map(|[la, lo]| format!("{la},{lo}")).collect();
                    text(w, "polygon", &pairs.join(" "));
                }
                for c in &a.circles {
                    let [la, lo] = c.centre;
                    text(w, "circle", &format!("{la},{lo} {}", c.radius_km));
                }
                named(w, "geocode", &a.geocodes);
                if let Some(v) = a.altitude {
                    text(w, "altitude", &v.to_string());
                }
                if let Some(v) = a.ceiling {
                    text(w, "ceiling", &v.to_string());
                }
                close(w, "area");
            }
            close(w, "info");
        }
        close(w, "alert");
    }
}

/// A time as CAP writes it: seconds, the offset, and UTC as `-00:00` (the standard forbids
/// `Z`).
pub fn cap_time(t: &DateTime<FixedOffset>) -> String {
    let s = t.to_rfc3339_opts(SecondsFormat::Secs, false);
    match s.strip_suffix("+00:00") {
        Some(head) => format!("{head}-00:00"),
        None => s,
    }
}

/// XML Schema's time zones run from -14:00 to +14:00.
fn check_zone(field: &str, t: &DateTime<FixedOffset>) -> Result<(), DomainError> {
    if t.offset().local_minus_utc().abs() <= 14 * 3600 {
        Ok(())
    } else {
        Err(DomainError::invalid(field, "the offset is beyond ±14:00"))
    }
}

fn check_token(field: &str, s: &str) -> Result<(), DomainError> {
    if s.is_empty() {
        return Err(DomainError::invalid(field, "is empty"));
    }
    if let Some(c) = s
        .chars()
        .find(|c| c.is_whitespace() || matches!(c, ',' | '<' | '&'))
    {
        return Err(DomainError::invalid(
            field,
            format!("`{c}` may not appear in it (CAP 1.2: no spaces, commas, `<` or `&`)"),
        ));
    }
    Ok(())
}

fn check_lat_lon(field: &str, [lat, lon]: [f64; 2]) -> Result<(), DomainError> {
    if !(lat.is_finite() && (-90.0..=90.0).contains(&lat)) {
        return Err(DomainError::invalid(
            field,
            format!("latitude {lat} is not within -90 to 90 (CAP puts latitude first)"),
        ));
    }
    if !(lon.is_finite() && (-180.0..=180.0).contains(&lon)) {
        return Err(DomainError::invalid(
            field,
            format!("longitude {lon} is not within -180 to 180"),
        ));
    }
    Ok(())
}

pub(crate) fn open(w: &mut Writer<Vec<u8>>, start: BytesStart<'_>) {
    w.write_event(Event::Start(start))
        .expect("writing to memory");
}

pub(crate) fn close(w: &mut Writer<Vec<u8>>, name: &str) {
    w.write_event(Event::End(BytesEnd::new(name)))
        .expect("writing to memory");
}

pub(crate) fn text(w: &mut Writer<Vec<u8>>, name: &str, value: &str) {
    open(w, BytesStart::new(name));
    w.write_event(Event::Text(BytesText::new(value)))
        .expect("writing to memory");
    close(w, name);
}

fn opt(w: &mut Writer<Vec<u8>>, name: &str, value: &Option<String>) {
    if let Some(v) = value {
        text(w, name, v);
    }
}

fn named(w: &mut Writer<Vec<u8>>, name: &str, values: &[NamedValue]) {
    for v in values {
        open(w, BytesStart::new(name));
        text(w, "valueName", &v.name);
        text(w, "value", &v.value);
        close(w, name);
    }
}
