//! Records as storage hands them out, apart from the wire types of the server.

use chrono::{DateTime, Utc};
use crc_domain::audit::AuditEntry;
use crc_domain::codes::StateCode;
use crc_domain::contingent::Contingent;
use crc_domain::identity::{Principal, Role, Username};
use serde::{Deserialize, Serialize};

/// A user account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    /// Id.
    pub id: i64,
    /// Login name.
    pub username: String,
    /// Name shown in the console.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Member state, if any.
    pub state: Option<StateCode>,
    /// Interface language, `en` or `ru`.
    pub locale: String,
    /// Disabled users cannot log in and their sessions and tokens stop working.
    pub disabled: bool,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Changed.
    pub updated_at: DateTime<Utc>,
}

impl User {
    /// The user as an acting principal.
    pub fn principal(&self) -> Principal {
        Principal {
            user_id: self.id,
            username: self.username.clone(),
            role: self.role,
            state: self.state.clone(),
        }
    }
}

/// A user with its password hash, for login and export only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserWithSecret {
    /// The user.
    #[serde(flatten)]
    pub user: User,
    /// PHC string (argon2id).
    pub password_hash: String,
}

/// A new user.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Login name.
    pub username: Username,
    /// Display name.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Member state.
    pub state: Option<StateCode>,
    /// Locale.
    pub locale: String,
    /// PHC string.
    pub password_hash: String,
}

/// A login session, found by the hash of its cookie token.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// The user.
    pub user: User,
    /// The CSRF token a cookie-authenticated change must echo.
    pub csrf_token: String,
    /// Expiry.
    pub expires_at: DateTime<Utc>,
}

/// An API token's metadata (the secret itself is never stored, only its hash).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiToken {
    /// Id.
    pub id: i64,
    /// Owner.
    pub user_id: i64,
    /// A name the owner chose.
    pub name: String,
    /// SHA-256 of the secret, hex.
    pub token_hash: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Expiry, if any.
    pub expires_at: Option<DateTime<Utc>>,
    /// Revoked, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// One page of contingents.
#[derive(Debug, Clone, PartialEq)]
pub struct ContingentPage {
    /// The page.
    pub items: Vec<Contingent>,
    /// All matching records visible to the viewer.
    pub total: i64,
}

/// Totals per state and component for what the viewer may see.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ForceTotal {
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

/// A stored reference record (body as JSON text, exactly as stored).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredReference {
    /// Kind.
    pub kind: String,
    /// Key.
    pub key: String,
    /// JSON text.
    pub body: String,
    /// Changed.
    pub updated_at: DateTime<Utc>,
}

/// The whole database as one document, for `crc export` and `crc import`. Login sessions
/// are not part of it: they are short-lived and bound to one running service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportDocument {
    /// Always `crc-export`.
    pub format: String,
    /// Schema version of the database it came from.
    pub schema_version: i64,
    /// Reference data version and load time.
    pub reference_meta: Option<(String, DateTime<Utc>)>,
    /// Users with their password hashes.
    pub users: Vec<UserWithSecret>,
    /// API tokens (hashes only).
    pub api_tokens: Vec<ApiToken>,
    /// Reference records.
    pub reference: Vec<StoredReference>,
    /// Contingents.
    pub contingents: Vec<Contingent>,
    /// Crisis records (absent in exports of schema 1).
    #[serde(default)]
    pub crisis_records: Vec<crate::crisis_model::ExportedCrisis>,
    /// The crisis journal.
    #[serde(default)]
    pub crisis_journal: Vec<crate::crisis_model::JournalEntry>,
    /// The catalogue of joint training (absent in exports before schema 4).
    #[serde(default)]
    pub training_exercises: Vec<crate::training_model::ExportedExercise>,
    /// The year plans (absent in exports before schema 4).
    #[serde(default)]
    pub year_plans: Vec<crate::training_model::YearPlanRecord>,
    /// The exercise designs (absent in exports before schema 5).
    #[serde(default)]
    pub exercise_designs: Vec<crate::training_model::DesignRecord>,
    /// The MSELs (absent in exports before schema 5).
    #[serde(default)]
    pub msels: Vec<crate::training_model::MselRecord>,
    /// The exercise runs (absent in exports before schema 6).
    #[serde(default)]
    pub exercise_runs: Vec<crate::run_model::RunRecord>,
    /// The corrective actions (absent in exports before schema 7).
    #[serde(default)]
    pub corrective_actions: Vec<crate::follow_up_model::ActionRecord>,
    /// The lessons learned (absent in exports before schema 7).
    #[serde(default)]
    pub lessons: Vec<crate::follow_up_model::LessonRecord>,
    /// The monitoring reports (absent in exports before schema 8).
    #[serde(default)]
    pub monitoring_reports: Vec<crate::monitoring_model::ReportRecord>,
    /// The monitoring events (absent in exports before schema 8).
    #[serde(default)]
    pub monitoring_events: Vec<crate::monitoring_model::EventRecord>,
    /// The audit log, in order.
    pub audit: Vec<AuditEntry>,
    /// The recorded chain head.
    pub audit_head: Option<(i64, String)>,
}

/// The result of walking the audit chain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditReport {
    /// Entries read.
    pub entries: i64,
    /// Problems found; empty when the chain is intact.
    pub problems: Vec<crc_domain::audit::ChainProblem>,
}

/// A page of audit entries.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditPage {
    /// Entries, newest first.
    pub items: Vec<AuditEntry>,
    /// All entries.
    pub total: i64,
}

/// A change as the live event stream tells it: which record changed, how, by whom. The
/// client fetches the record itself, through the releasability-filtered reads.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeEvent {
    /// The audit sequence number: the event's id, in commit order.
    pub seq: i64,
    /// When.
    pub at: String,
    /// Who.
    pub actor: String,
    /// `create`, `update`, `delete`, ...
    pub action: String,
    /// `contingent`, `reference`, `user`.
    pub entity: String,
    /// The record's key.
    pub entity_id: String,
    /// The record's version after the change, where it has one.
    pub version: Option<i64>,
}

/// The changes after a sequence number that one viewer may know of.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeBatch {
    /// Visible changes, oldest first.
    pub events: Vec<ChangeEvent>,
    /// The last sequence number looked at, visible or not: the next batch starts after it.
    pub scanned_to: i64,
}
