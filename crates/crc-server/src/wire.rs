//! Wire types: what the API reads and writes. Apart from the domain types on purpose; the
//! conversions destructure exhaustively, so a new domain field is a compile error here
//! until someone decides how it goes on the wire.

use chrono::{DateTime, Utc};
use crc_domain::contingent::{Contingent, ContingentDraft, HomeStation, RawContingent};
use crc_domain::releasability::Releasability;
use crc_domain::{DomainError, StateCode};
use crc_storage::{ApiToken, ForceTotal, User};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Who may see a record.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReleasabilityWire {
    /// `organization` (everyone), `states` (the owner and the listed states) or `national`
    /// (the owning state only).
    #[schema(example = "organization")]
    pub label: String,
    /// With `states`: ISO alpha-3 codes.
    #[serde(default)]
    pub states: Vec<String>,
}

impl ReleasabilityWire {
    pub(crate) fn parse(&self) -> Result<Releasability, DomainError> {
        let states = self
            .states
            .iter()
            .map(|s| StateCode::parse(s))
            .collect::<Result<Vec<_>, _>>()?;
        if self.label != "states" && !states.is_empty() {
            return Err(DomainError::invalid(
                "releasability.states",
                "states are listed only with the label `states`",
            ));
        }
        Releasability::from_parts(&self.label, states)
    }
}

impl From<Releasability> for ReleasabilityWire {
    fn from(r: Releasability) -> Self {
        ReleasabilityWire {
            label: r.label().to_owned(),
            states: r.states().iter().map(|s| s.to_string()).collect(),
        }
    }
}

/// A place with coordinates.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StationWire {
    /// Place name.
    #[schema(example = "Kapchagay")]
    pub name: String,
    /// Latitude, WGS 84.
    #[schema(example = 43.87)]
    pub lat: f64,
    /// Longitude, WGS 84.
    #[schema(example = 77.07)]
    pub lon: f64,
}

/// A contingent as written by a client.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContingentIn {
    /// Contributing member state, ISO alpha-3.
    #[schema(example = "KAZ")]
    pub state: String,
    /// Component key (see `/api/v1/reference/components`).
    #[schema(example = "crrf")]
    pub component: String,
    /// Unit name, unique per state.
    pub name: String,
    /// Home station.
    pub home_station: StationWire,
    /// Personnel.
    pub personnel: i64,
    /// Units of weapons, military and special equipment.
    pub equipment: i64,
    /// `rapid`, `high`, `medium`, `low` or `not_ready`.
    #[schema(example = "high")]
    pub readiness: String,
    /// Free notes.
    #[serde(default)]
    pub notes: String,
    /// Who may see it; organization-wide when left out.
    #[serde(default = "organization")]
    pub releasability: ReleasabilityWire,
}

fn organization() -> ReleasabilityWire {
    ReleasabilityWire {
        label: "organization".into(),
        states: Vec::new(),
    }
}

impl ContingentIn {
    /// Checks everything and builds the domain draft.
    pub fn parse(&self) -> Result<ContingentDraft, DomainError> {
        let ContingentIn {
            state,
            component,
            name,
            home_station,
            personnel,
            equipment,
            readiness,
            notes,
            releasability,
        } = self;
        ContingentDraft::parse(RawContingent {
            state,
            component,
            name,
            home_station: &home_station.name,
            lat: home_station.lat,
            lon: home_station.lon,
            personnel: *personnel,
            equipment: *equipment,
            readiness,
            notes,
            releasability: releasability.parse()?,
        })
    }
}

/// A contingent as the API shows it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ContingentOut {
    /// Id.
    pub id: i64,
    /// Contributing member state.
    pub state: String,
    /// Component key.
    pub component: String,
    /// Unit name.
    pub name: String,
    /// Home station.
    pub home_station: StationWire,
    /// Personnel.
    pub personnel: i64,
    /// Equipment units.
    pub equipment: i64,
    /// Readiness level.
    pub readiness: String,
    /// Notes.
    pub notes: String,
    /// Who may see it.
    pub releasability: ReleasabilityWire,
    /// Demonstration data, not real.
    pub demo: bool,
    /// Version for optimistic concurrency (also the ETag).
    pub version: i64,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

impl From<Contingent> for ContingentOut {
    fn from(c: Contingent) -> Self {
        let Contingent {
            id,
            draft,
            demo,
            version,
            created_at,
            updated_at,
        } = c;
        let ContingentDraft {
            state,
            component,
            name,
            home_station:
                HomeStation {
                    name: station,
                    position,
                },
            personnel,
            equipment,
            readiness,
            notes,
            releasability,
        } = draft;
        ContingentOut {
            id,
            state: state.to_string(),
            component,
            name,
            home_station: StationWire {
                name: station,
                lat: position.lat(),
                lon: position.lon(),
            },
            personnel,
            equipment,
            readiness: readiness.to_string(),
            notes,
            releasability: releasability.into(),
            demo,
            version,
            created_at,
            updated_at,
        }
    }
}

/// A page of contingents.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ContingentPageOut {
    /// The page.
    pub items: Vec<ContingentOut>,
    /// All matching records the caller may see.
    pub total: i64,
    /// Page size.
    pub limit: i64,
    /// Offset.
    pub offset: i64,
}

/// Filters, sorting and paging of the contingent list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ContingentListParams {
    /// Only this member state (ISO alpha-3).
    pub state: Option<String>,
    /// Only this component key.
    pub component: Option<String>,
    /// Only this readiness level.
    pub readiness: Option<String>,
    /// Name or home station contains this text (case-insensitive).
    pub q: Option<String>,
    /// Only demonstration (`true`) or only real (`false`) records.
    pub demo: Option<bool>,
    /// Sort key: id, name, state, component, personnel, equipment, readiness, updated_at;
    /// prefix `-` for descending.
    pub sort: Option<String>,
    /// Page size, 1 to 500 (default 50).
    pub limit: Option<i64>,
    /// Records to skip (default 0).
    pub offset: Option<i64>,
}

/// Totals per state and component.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ForceTotalOut {
    /// State.
    pub state: String,
    /// Component.
    pub component: String,
    /// Contingents.
    pub contingents: i64,
    /// Personnel.
    pub personnel: i64,
    /// Equipment.
    pub equipment: i64,
}

impl From<ForceTotal> for ForceTotalOut {
    fn from(t: ForceTotal) -> Self {
        let ForceTotal {
            state,
            component,
            contingents,
            personnel,
            equipment,
        } = t;
        ForceTotalOut {
            state,
            component,
            contingents,
            personnel,
            equipment,
        }
    }
}

/// A user as the API shows it (never the password hash).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UserOut {
    /// Id.
    pub id: i64,
    /// Login name.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Role.
    #[schema(example = "liaison_officer")]
    pub role: String,
    /// Member state.
    pub state: Option<String>,
    /// Interface language.
    pub locale: String,
    /// Disabled.
    pub disabled: bool,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Changed.
    pub updated_at: DateTime<Utc>,
}

impl From<User> for UserOut {
    fn from(u: User) -> Self {
        let User {
            id,
            username,
            display_name,
            role,
            state,
            locale,
            disabled,
            created_at,
            updated_at,
        } = u;
        UserOut {
            id,
            username,
            display_name,
            role: role.to_string(),
            state: state.map(|s| s.to_string()),
            locale,
            disabled,
            created_at,
            updated_at,
        }
    }
}

/// A new user.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserIn {
    /// Login name.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Role.
    pub role: String,
    /// Member state (required for liaison officers).
    #[serde(default)]
    pub state: Option<String>,
    /// Initial password (at least 12 characters).
    pub password: String,
    /// `en` or `ru`.
    #[serde(default = "english")]
    pub locale: String,
}

fn english() -> String {
    "en".into()
}

/// A change to a user.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserPatch {
    /// Disable or enable.
    pub disabled: Option<bool>,
    /// New password.
    pub password: Option<String>,
    /// New locale.
    pub locale: Option<String>,
}

/// Login credentials.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginIn {
    /// Login name.
    pub username: String,
    /// Password.
    pub password: String,
}

/// The logged-in user and the CSRF token to echo in `X-CSRF-Token` on changes.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SessionOut {
    /// The user.
    pub user: UserOut,
    /// Echo this in the `X-CSRF-Token` header of every POST, PUT, PATCH and DELETE made with
    /// the session cookie. Absent for bearer tokens, which need none.
    pub csrf_token: Option<String>,
}

/// The caller's preferences.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PreferencesIn {
    /// `en` or `ru`.
    pub locale: String,
}

/// A request for an API token.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenIn {
    /// A name to recognise it by.
    pub name: String,
    /// Days until it expires; never when left out.
    #[serde(default)]
    pub expires_in_days: Option<i64>,
}

/// An API token's metadata.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TokenOut {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Expiry.
    pub expires_at: Option<DateTime<Utc>>,
    /// Revoked.
    pub revoked_at: Option<DateTime<Utc>>,
}

impl From<ApiToken> for TokenOut {
    fn from(t: ApiToken) -> Self {
        let ApiToken {
            id,
            user_id: _,
            name,
            token_hash: _,
            created_at,
            expires_at,
            revoked_at,
        } = t;
        TokenOut {
            id,
            name,
            created_at,
            expires_at,
            revoked_at,
        }
    }
}

/// A new token: the secret is shown this once.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct NewTokenOut {
    /// Metadata.
    pub token: TokenOut,
    /// The secret: send as `Authorization: Bearer <secret>`.
    pub secret: String,
}

/// Paging of the audit log.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Page size, 1 to 500 (default 50).
    pub limit: Option<i64>,
    /// Records to skip.
    pub offset: Option<i64>,
}

/// An audit entry.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AuditEntryOut {
    /// Position in the chain.
    pub seq: i64,
    /// When (RFC 3339).
    pub at: String,
    /// Who.
    pub actor: String,
    /// What.
    pub action: String,
    /// Kind of record.
    pub entity: String,
    /// Record id.
    pub entity_id: String,
    /// Before, as JSON.
    #[schema(value_type = Object)]
    pub before: Option<serde_json::Value>,
    /// After, as JSON.
    #[schema(value_type = Object)]
    pub after: Option<serde_json::Value>,
    /// Previous hash.
    pub prev_hash: String,
    /// This entry's hash.
    pub hash: String,
}

impl From<crc_domain::audit::AuditEntry> for AuditEntryOut {
    fn from(e: crc_domain::audit::AuditEntry) -> Self {
        let crc_domain::audit::AuditEntry {
            seq,
            at,
            actor,
            action,
            entity,
            entity_id,
            before,
            after,
            prev_hash,
            hash,
        } = e;
        let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
        AuditEntryOut {
            seq,
            at,
            actor,
            action,
            entity,
            entity_id,
            before: parse(before),
            after: parse(after),
            prev_hash,
            hash,
        }
    }
}

/// A page of the audit log, newest first.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AuditPageOut {
    /// Entries.
    pub items: Vec<AuditEntryOut>,
    /// All entries.
    pub total: i64,
}

/// The result of verifying the chain.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AuditVerifyOut {
    /// True when no problem was found.
    pub intact: bool,
    /// Entries read.
    pub entries: i64,
    /// Problems, in words.
    pub problems: Vec<String>,
}

/// Reference data overview.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReferenceOverview {
    /// Loaded data set version.
    pub version: Option<String>,
    /// Kinds and how many records each has.
    pub kinds: Vec<ReferenceKindCount>,
}

/// A kind and its count.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReferenceKindCount {
    /// Kind.
    pub kind: String,
    /// Records.
    pub count: usize,
}

/// What a reference load changed.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct LoadReportOut {
    /// Inserted, as kind/key.
    pub inserted: Vec<String>,
    /// Updated, as kind/key.
    pub updated: Vec<String>,
    /// Unchanged count.
    pub unchanged: usize,
    /// Stored records absent from the file (kept).
    pub not_in_file: Vec<String>,
}

impl From<crc_domain::reference::LoadReport> for LoadReportOut {
    fn from(r: crc_domain::reference::LoadReport) -> Self {
        let crc_domain::reference::LoadReport {
            inserted,
            updated,
            unchanged,
            not_in_file,
        } = r;
        LoadReportOut {
            inserted,
            updated,
            unchanged,
            not_in_file,
        }
    }
}

/// Liveness and readiness.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct HealthOut {
    /// `ok`, or what is wrong.
    pub status: String,
    /// crc version.
    pub version: String,
}
