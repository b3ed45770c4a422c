//! The audit log's hash chain. Each entry's hash covers its own fields and the previous
//! entry's hash, so changing or removing any entry breaks every link after it; the stored
//! chain head catches a truncated tail.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One audit entry as stored. `before` and `after` are JSON texts, hashed as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Position in the chain, from 1 without gaps.
    pub seq: i64,
    /// When, RFC 3339 UTC with microseconds.
    pub at: String,
    /// Who: a username, or `system`.
    pub actor: String,
    /// What: `create`, `update`, `delete`, `login`, ...
    pub action: String,
    /// The kind of record.
    pub entity: String,
    /// The record's id or key.
    pub entity_id: String,
    /// The record before, as JSON text (empty when created).
    pub before: Option<String>,
    /// The record after, as JSON text (empty when deleted).
    pub after: Option<String>,
    /// The previous entry's hash.
    pub prev_hash: String,
    /// This entry's hash.
    pub hash: String,
}

/// An entry not yet in the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    /// Who.
    pub actor: String,
    /// What.
    pub action: String,
    /// The kind of record.
    pub entity: String,
    /// The record's id or key.
    pub entity_id: String,
    /// The record before, JSON.
    pub before: Option<String>,
    /// The record after, JSON.
    pub after: Option<String>,
}

/// The hash of an entry's content chained to `prev_hash`. Fields are length-prefixed so
/// that no two different entries can produce the same input.
pub fn entry_hash(seq: i64, at: &str, ev: &AuditEvent, prev_hash: &str) -> String {
    let mut h = Sha256::new();
    let mut field = |s: &str| {
        h.update((s.len() as u64).to_be_bytes());
        h.update(s.as_bytes());
    };
    field(&seq.to_string());
    field(at);
    field(&ev.actor);
    field(&ev.action);
    field(&ev.entity);
    field(&ev.entity_id);
    field(ev.before.as_deref().unwrap_or("\u{0}none"));
    field(ev.after.as_deref().unwrap_or("\u{0}none"));
    field(prev_hash);
    hex::encode(h.finalize())
}

impl AuditEntry {
    /// Chains `ev` after an entry with `prev_seq` and `prev_hash`.
    pub fn chain(prev_seq: i64, prev_hash: &str, at: String, ev: AuditEvent) -> AuditEntry {
        let seq = prev_seq + 1;
        let hash = entry_hash(seq, &at, &ev, prev_hash);
        AuditEntry {
            seq,
            at,
            actor: ev.actor,
            action: ev.action,
            entity: ev.entity,
            entity_id: ev.entity_id,
            before: ev.before,
            after: ev.after,
            prev_hash: prev_hash.to_owned(),
            hash,
        }
    }

    fn recomputed(&self) -> String {
        let ev = AuditEvent {
            actor: self.actor.clone(),
            action: self.action.clone(),
            entity: self.entity.clone(),
            entity_id: self.entity_id.clone(),
            before: self.before.clone(),
            after: self.after.clone(),
        };
        entry_hash(self.seq, &self.at, &ev, &self.prev_hash)
    }
}

/// A problem found in the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChainProblem {
    /// The entry's content no longer matches its hash.
    Altered {
        /// The entry.
        seq: i64,
    },
    /// Entries are missing between two that remain.
    Removed {
        /// First missing position.
        from_seq: i64,
        /// Last missing position.
        to_seq: i64,
    },
    /// The entry's link to its predecessor is broken (the predecessor was replaced).
    Relinked {
        /// The entry.
        seq: i64,
    },
    /// The chain ends before the recorded head: the newest entries were removed.
    Truncated {
        /// Last position found.
        last_seq: i64,
        /// The recorded head position.
        head_seq: i64,
    },
    /// The last entry differs from the recorded head.
    HeadMismatch {
        /// The recorded head position.
        head_seq: i64,
    },
}

impl std::fmt::Display for ChainProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChainProblem::Altered { seq } => write!(f, "entry {seq} was altered"),
            ChainProblem::Removed { from_seq, to_seq } if from_seq == to_seq => {
                write!(f, "entry {from_seq} was removed")
            }
            ChainProblem::Removed { from_seq, to_seq } => {
                write!(f, "entries {from_seq} to {to_seq} were removed")
            }
            ChainProblem::Relinked { seq } => {
                write!(f, "entry {seq} does not link to the entry before it")
            }
            ChainProblem::Truncated { last_seq, head_seq } => write!(
                f,
                "entries {} to {head_seq} were removed from the end",
                last_seq + 1
            ),
            ChainProblem::HeadMismatch { head_seq } => {
                write!(f, "entry {head_seq} differs from the recorded chain head")
            }
        }
    }
}

/// Verifies entries handed in order of `seq`, against the recorded head (`seq`, `hash`).
/// Streams: keeps only the previous entry, so a long log verifies in constant memory.
#[derive(Debug, Default)]
pub struct ChainVerifier {
    prev: Option<(i64, String)>,
    problems: Vec<ChainProblem>,
    count: i64,
}

impl ChainVerifier {
    /// A verifier at the start of the chain.
    pub fn new() -> Self {
        Self::default()
    }

    /// Checks the next entry.
    pub fn push(&mut self, e: &AuditEntry) {
        self.count += 1;
        let (prev_seq, prev_hash) = self.prev.clone().unwrap_or((0, GENESIS.to_owned()));
        if e.seq != prev_seq + 1 {
            self.problems.push(ChainProblem::Removed {
                from_seq: prev_seq + 1,
                to_seq: e.seq - 1,
            });
        } else if e.prev_hash != prev_hash {
            self.problems.push(ChainProblem::Relinked { seq: e.seq });
        }
        if e.recomputed() != e.hash {
            self.problems.push(ChainProblem::Altered { seq: e.seq });
        }
        self.prev = Some((e.seq, e.hash.clone()));
    }

    /// Ends the walk against the recorded head; returns the entries seen and the problems.
    pub fn finish(mut self, head: Option<(i64, String)>) -> (i64, Vec<ChainProblem>) {
        let last = self.prev.clone();
        match (head, last) {
            (Some((hs, hh)), Some((ls, lh))) => {
                if ls < hs {
                    self.problems.push(ChainProblem::Truncated {
                        last_seq: ls,
                        head_seq: hs,
                    });
                } else if ls == hs && lh != hh {
                    self.problems
                        .push(ChainProblem::HeadMismatch { head_seq: hs });
                }
            }
            (Some((hs, _)), None) if hs > 0 => self.problems.push(ChainProblem::Truncated {
                last_seq: 0,
                head_seq: hs,
            }),
            _ => {}
        }
        (self.count, self.problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<AuditEntry> {
        let mut out: Vec<AuditEntry> = Vec::new();
        for i in 0..n {
            let (ps, ph) = out
                .last()
                .map(|e| (e.seq, e.hash.clone()))
                .unwrap_or((0, GENESIS.to_owned()));
            out.push(AuditEntry::chain(
                ps,
                &ph,
                format!("2025-01-01T00:00:{i:02}.000000Z"),
                AuditEvent {
                    actor: "admin".into(),
                    action: "update".into(),
                    entity: "contingent".into(),
                    entity_id: i.to_string(),
                    before: Some(format!("{{\"personnel\":{i}}}")),
                    after: Some(format!("{{\"personnel\":{}}}", i + 1)),
                },
            ));
        }
        out
    }

    fn verify(entries: &[AuditEntry], head: &AuditEntry) -> Vec<ChainProblem> {
        let mut v = ChainVerifier::new();
        entries.iter().for_each(|e| v.push(e));
        v.finish(Some((head.seq, head.hash.clone()))).1
    }

    #[test]
    fn intact_chain_verifies() {
        let c = chain(5);
        assert!(verify(&c, &c[4]).is_empty());
    }

    #[test]
    fn each_tampering_is_named() {
        let c = chain(6);
        let head = c[5].clone();

        let mut altered = c.clone();
        altered[2].after = Some("{\"personnel\":999}".into());
        assert_eq!(
            verify(&altered, &head),
            vec![ChainProblem::Altered { seq: 3 }]
        );

        let mut removed = c.clone();
        removed.remove(3);
        assert_eq!(
            verify(&removed, &head),
            vec![ChainProblem::Removed {
                from_seq: 4,
                to_seq: 4
            }]
        );

        let truncated = &c[..4];
        assert_eq!(
            verify(truncated, &head),
            vec![ChainProblem::Truncated {
                last_seq: 4,
                head_seq: 6
            }]
        );

        // Rewriting an entry and recomputing its own hash still breaks the next link.
        let mut forged = c.clone();
        forged[1].actor = "intruder".into();
        forged[1].hash = forged[1].recomputed();
        assert_eq!(
            verify(&forged, &head),
            vec![ChainProblem::Relinked { seq: 3 }]
        );
    }
}
