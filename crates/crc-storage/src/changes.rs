//! Which audit entries a viewer may hear of: the rule of the live event stream. It is one
//! function over an entry, so the stream can read the log once and filter it per viewer.

use crc_domain::audit::AuditEntry;
use crc_domain::codes::StateCode;
use crc_domain::contingent::Contingent;
use crc_domain::identity::Viewer;
use crc_domain::releasability::Releasability;

use crate::error::{Result, StorageError};
use crate::model::ChangeEvent;

/// What of a crisis record decides who hears of its changes.
#[derive(serde::Deserialize)]
struct CrisisSight {
    owner_state: Option<StateCode>,
    releasability: Releasability,
    version: i64,
}

impl CrisisSight {
    fn visible_to(&self, viewer: &Viewer) -> bool {
        match (&self.owner_state, viewer) {
            (Some(owner), _) => self.releasability.visible_to(owner, viewer),
            // No owning state: the same rule as the storage queries (a national record
            // without an owner is seen by the organization's own staff only).
            (None, Viewer::System) => true,
            (None, Viewer::Person { state }) => match &self.releasability {
                Releasability::Organization => true,
                Releasability::National => false,
                Releasability::States(list) => state.as_ref().is_some_and(|s| list.contains(s)),
            },
        }
    }
}

/// The change `e` as `viewer` may hear of it, or `None`. Releasability is decided on the
/// record as it was before and after the change, so an officer also hears that a record
/// left their sight. Changes of the training catalogue and year plans are told to everyone.
/// Changes of users are told to administrators (the system viewer) only;
/// sessions and tokens are never told.
pub fn visible_change(e: &AuditEntry, viewer: &Viewer) -> Result<Option<ChangeEvent>> {
    visible_change_as(e, viewer, false)
}

/// What of a movement plan decides who hears of its changes.
#[derive(serde::Deserialize)]
struct PlanSight {
    operation_id: Option<i64>,
    sight: Option<crate::plan_model::OperationSight>,
    version: i64,
}

/// [`visible_change`] for a reader who may belong to the Joint Staff, whose alone the movement
/// plans made without an operation are (a rule of roles, which a [`Viewer`] does not carry).
pub fn visible_change_as(
    e: &AuditEntry,
    viewer: &Viewer,
    joint_staff: bool,
) -> Result<Option<ChangeEvent>> {
    let (visible, version) = match e.entity.as_str() {
        "contingent" => {
            let snapshot = |j: &Option<String>| -> Result<Option<Contingent>> {
                j.as_deref()
                    .map(serde_json::from_str::<Contingent>)
                    .transpose()
                    .map_err(|err| StorageError::Corrupt(format!("audit entry {}: {err}", e.seq)))
            };
            let (before, after) = (snapshot(&e.before)?, snapshot(&e.after)?);
            let seen = |c: &Option<Contingent>| {
                c.as_ref()
                    .is_some_and(|c| c.draft.releasability.visible_to(&c.draft.state, viewer))
            };
            (seen(&before) || seen(&after), after.map(|c| c.version))
        }
        // Reports and events carry their owning state and label like crisis records.
        "crisis" | "report" | "monitoring_event" => {
            let snapshot = |j: &Option<String>| -> Result<Option<CrisisSight>> {
                j.as_deref()
                    .map(serde_json::from_str::<CrisisSight>)
                    .transpose()
                    .map_err(|err| StorageError::Corrupt(format!("audit entry {}: {err}", e.seq)))
            };
            let (before, after) = (snapshot(&e.before)?, snapshot(&e.after)?);
            let seen = |c: &Option<CrisisSight>| c.as_ref().is_some_and(|c| c.visible_to(viewer));
            (seen(&before) || seen(&after), after.map(|c| c.version))
        }
        "plan" => {
            let snapshot = |j: &Option<String>| -> Result<Option<PlanSight>> {
                j.as_deref()
                    .map(serde_json::from_str::<PlanSight>)
                    .transpose()
                    .map_err(|err| StorageError::Corrupt(format!("audit entry {}: {err}", e.seq)))
            };
            let (before, after) = (snapshot(&e.before)?, snapshot(&e.after)?);
            let pv = crate::plan_model::PlanViewer {
                viewer,
                joint_staff,
            };
            let seen = |p: &Option<PlanSight>| {
                p.as_ref()
                    .is_some_and(|p| pv.sees(p.operation_id, p.sight.as_ref()))
            };
            (seen(&before) || seen(&after), after.map(|p| p.version))
        }
        // The training catalogue, the year plans, the exercise designs and their MSELs are
        // the organization's own documents, read by everyone signed in. Everyone hears that
        // an exercise run changed (its entries carry no texts) and re-reads what they may.
        "training_exercise" | "year_plan" | "exercise_design" | "msel" | "exercise_run"
        | "corrective_action" | "lesson" => {
            #[derive(serde::Deserialize)]
            struct Versioned {
                version: i64,
            }
            let after = e
                .after
                .as_deref()
                .map(serde_json::from_str::<Versioned>)
                .transpose()
                .map_err(|err| StorageError::Corrupt(format!("audit entry {}: {err}", e.seq)))?;
            (true, after.map(|v| v.version))
        }
        "reference" => (true, None),
        "user" => (matches!(viewer, Viewer::System), None),
        _ => (false, None),
    };
    Ok(visible.then(|| ChangeEvent {
        seq: e.seq,
        at: e.at.clone(),
        actor: e.actor.clone(),
        action: e.action.clone(),
        entity: e.entity.clone(),
        entity_id: e.entity_id.clone(),
        version,
    }))
}
