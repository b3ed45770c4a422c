//! The worked historical example of the crisis chain (the January 2022 operation), as a
//! list of steps: records to create and commands to give them, each by a named demo
//! account. The file names records by local keys; this parser checks the keys, the parents'
//! kinds, every spec and every command, so a broken file is refused before anything is
//! written. Running the steps (through the store's workflows) is the binary's job.

use serde::Deserialize;

use crate::codes::StateCode;
use crate::crisis::{Command, Kind, Spec};
use crate::error::DomainError;
use crate::releasability::Releasability;

/// The example shipped with this build.
pub const BUNDLED: &str = include_str!("../../../reference/demo-crisis-2022.toml");

/// A contingent of the demonstration register, by state and name.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContingentRef {
    /// Its state.
    pub state: StateCode,
    /// Its name in the register.
    pub name: String,
}

/// What a step does.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Create a record.
    Create {
        /// The local key later steps use.
        key: String,
        /// The checked spec (a force's or logistics request's contingent id is filled
        /// from `contingent` when run).
        spec: Spec,
        /// The parent's local key.
        parent: Option<String>,
        /// Who may see it.
        releasability: Releasability,
        /// The register's contingent (forces, logistics requests).
        contingent: Option<ContingentRef>,
    },
    /// Give a record a command.
    Command {
        /// The record's local key.
        key: String,
        /// The parsed command.
        command: Command,
    },
}

/// One step, by one account.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The acting account's username.
    pub actor: String,
    /// What it does.
    pub action: Action,
}

/// The example: its version and its steps, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// The data set's version.
    pub version: String,
    /// The steps.
    pub steps: Vec<Step>,
}

impl Example {
    /// How many records the example creates.
    pub fn records(&self) -> usize {
        self.steps
            .iter()
            .filter(|s| matches!(s.action, Action::Create { .. }))
            .count()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: String,
    steps: Vec<RawStep>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    #[serde(rename = "as")]
    actor: String,
    create: Option<String>,
    kind: Option<String>,
    parent: Option<String>,
    releasability: Option<Releasability>,
    contingent: Option<ContingentRef>,
    spec: Option<serde_json::Value>,
    #[serde(rename = "do")]
    target: Option<String>,
    command: Option<serde_json::Value>,
}

/// Parses and checks the example; the error names the step.
pub fn parse(text: &str) -> Result<Example, DomainError> {
    let f: File = toml::from_str(text)
        .map_err(|e| DomainError::invalid("demo crisis example", e.to_string()))?;
    let mut kinds: Vec<(String, Kind)> = Vec::new();
    let mut steps = Vec::with_capacity(f.steps.len());
    for (i, raw) in f.steps.into_iter().enumerate() {
        let at = |field: &str, e: DomainError| {
            DomainError::invalid(format!("steps[{i}].{field}"), e.to_string())
        };
        let bad = |field: &str, m: String| DomainError::invalid(format!("steps[{i}].{field}"), m);
        let kind_of = |key: &str, kinds: &[(String, Kind)]| {
            kinds
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, kind)| *kind)
                .ok_or_else(|| format!("no earlier step creates `{key}`"))
        };
        if raw.actor.trim().is_empty() {
            return Err(bad("as", "names no account".into()));
        }
        let action = match (raw.create, raw.target) {
            (Some(key), None) => {
                if raw.command.is_some() {
                    return Err(bad(
                        "command",
                        "a create step has a spec, not a command".into(),
                    ));
                }
                if kinds.iter().any(|(k, _)| *k == key) {
                    return Err(bad("create", format!("`{key}` is created twice")));
                }
                let kind = Kind::parse(raw.kind.as_deref().unwrap_or_default())
                    .map_err(|e| at("kind", e))?;
                let parent = match (kind.parent(), raw.parent) {
                    (None, Some(_)) => {
                        return Err(bad("parent", format!("a {kind} has no parent")))
                    }
                    (Some((_, true)), None) => {
                        return Err(bad("parent", format!("a {kind} needs its parent")))
                    }
                    (Some((pk, _)), Some(p)) => {
                        let found = kind_of(&p, &kinds).map_err(|m| bad("parent", m))?;
                        if found != pk {
                            return Err(bad(
                                "parent",
                                format!("a {kind} belongs to a {pk}; `{p}` is a {found}"),
                            ));
                        }
                        Some(p)
                    }
                    (_, None) => None,
                };
                let mut spec_v = raw.spec.unwrap_or_else(|| serde_json::json!({}));
                match (&raw.contingent, kind) {
                    (Some(c), Kind::Force | Kind::Logistics) => {
                        if let Some(o) = spec_v.as_object_mut() {
                            // The register's id is known only when run.
                            o.insert("contingent_id".into(), serde_json::json!(0));
                            if kind == Kind::Force {
                                o.insert("state".into(), serde_json::json!(c.state.as_str()));
                            }
                        }
                    }
                    (Some(_), _) => {
                        return Err(bad("contingent", format!("a {kind} names no contingent")))
                    }
                    (None, Kind::Force) => {
                        return Err(bad("contingent", "a force names its contingent".into()))
                    }
                    (None, _) => {}
                }
                let spec = Spec::parse(kind, spec_v).map_err(|e| at("spec", e))?;
                spec.check().map_err(|e| at("spec", e))?;
                if let (Spec::Logistics(s), Some(c)) = (&spec, &raw.contingent) {
                    if s.state != c.state {
                        return Err(bad(
                            "contingent",
                            format!("belongs to {}, the request is for {}", c.state, s.state),
                        ));
                    }
                }
                kinds.push((key.clone(), kind));
                Action::Create {
                    key,
                    spec,
                    parent,
                    releasability: raw.releasability.unwrap_or(Releasability::Organization),
                    contingent: raw.contingent,
                }
            }
            (None, Some(key)) => {
                if raw.spec.is_some() || raw.kind.is_some() || raw.parent.is_some() {
                    return Err(bad(
                        "do",
                        "a command step has only `as`, `do` and `command`".into(),
                    ));
                }
                let kind = kind_of(&key, &kinds).map_err(|m| bad("do", m))?;
                let v = raw
                    .command
                    .ok_or_else(|| bad("command", "is missing".into()))?;
                let command = Command::parse(kind, v).map_err(|e| at("command", e))?;
                Action::Command { key, command }
            }
            _ => return Err(bad("create", "a step either creates or does".into())),
        };
        steps.push(Step {
            actor: raw.actor,
            action,
        });
    }
    Ok(Example {
        version: f.version,
        steps,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_example_parses() {
        let e = parse(BUNDLED).unwrap();
        assert_eq!(e.version, "2022.1");
        let first = &e.steps[0];
        assert!(
            matches!(&first.action, Action::Create { spec: Spec::Request(r), .. }
            if r.requesting_state.as_str() == "KAZ")
        );
        let forces = e
            .steps
            .iter()
            .filter(|s| {
                matches!(
                    &s.action,
                    Action::Create {
                        spec: Spec::Force(_),
                        ..
                    }
                )
            })
            .count();
        assert_eq!(forces, 5);
    }

    #[test]
    fn unknown_keys_and_wrong_parents_are_refused() {
        let text = r#"
version = "x"
[[steps]]
as = "duty"
do = "nothing"
command = { command = "open" }
"#;
        let e = parse(text).unwrap_err().to_string();
        assert!(e.contains("steps[0].do") && e.contains("`nothing`"), "{e}");
        let text = r#"
version = "x"
[[steps]]
as = "duty"
create = "r"
kind = "request"
[steps.spec]
requesting_state = "KAZ"
from = "Head of state"
received_at = "2022-01-05T18:00:00Z"
summary = "s"
asks = [{ kind = "forces" }]
[[steps]]
as = "duty"
create = "d"
kind = "decision"
parent = "r"
[steps.spec]
title = "t"
prepared_by = "joint_staff"
text = "x"
"#;
        let e = parse(text).unwrap_err().to_string();
        assert!(
            e.contains("steps[1].parent") && e.contains("session"),
            "{e}"
        );
    }
}
