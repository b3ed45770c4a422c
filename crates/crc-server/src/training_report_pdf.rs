//! The after-action report as a PDF, made on the server: the same content as the printable
//! page (`training_report.rs`), laid out on A4 pages with the EXERCISE marking at the head and
//! foot of every page. `krilla` writes the file (glyphs, font subsetting, metadata); the
//! layout here is only lines of text: words measured with the embedded DejaVu Sans (which
//! has the Cyrillic of the scenarios' invented names) and wrapped to the page's width.

use chrono::{DateTime, Utc};
use crc_domain::training::report::{AfterActionReport, TimelineKind};
use krilla::color::rgb;
use krilla::geom::Point;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, TextDirection};
use krilla::Document;

const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
const MARGIN: f32 = 50.0;
const BODY: f32 = 9.5;
const TOP: f32 = MARGIN + 28.0;
const BOTTOM: f32 = HEIGHT - MARGIN - 24.0;

/// One line of text placed on a page.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    x: f32,
    y: f32,
    size: f32,
    bold: bool,
    red: bool,
    text: String,
}

/// Measures text in the regular or bold face.
struct Metrics {
    regular: ttf_parser::Face<'static>,
    bold: ttf_parser::Face<'static>,
}

impl Metrics {
    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let face = if bold { &self.bold } else { &self.regular };
        let units = f32::from(face.units_per_em());
        text.chars()
            .map(|c| {
                face.glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .map_or(units / 2.0, f32::from)
            })
            .sum::<f32>()
            * size
            / units
    }
}

/// Lays the report out into pages of lines.
struct Layout<'m> {
    metrics: &'m Metrics,
    pages: Vec<Vec<Line>>,
    y: f32,
}

impl<'m> Layout<'m> {
    fn new(metrics: &'m Metrics) -> Self {
        Layout {
            metrics,
            pages: vec![Vec::new()],
            y: TOP,
        }
    }

    fn room(&mut self, height: f32) {
        if self.y + height > BOTTOM {
            self.pages.push(Vec::new());
            self.y = TOP;
        }
    }

    /// A paragraph wrapped to the width left of `indent`.
    fn text(&mut self, text: &str, size: f32, bold: bool, indent: f32) {
        let width = WIDTH - 2.0 * MARGIN - indent;
        let lead = size * 1.35;
        for para in text.split('\n') {
            let mut line = String::new();
            for word in para.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if !line.is_empty() && self.metrics.width(&candidate, size, bold) > width {
                    self.put(std::mem::take(&mut line), size, bold, indent, lead);
                    line = word.to_owned();
                } else {
                    line = candidate;
                }
            }
            self.put(line, size, bold, indent, lead);
        }
    }

    fn put(&mut self, text: String, size: f32, bold: bool, indent: f32, lead: f32) {
        self.room(lead);
        self.y += lead;
        if let Some(page) = self.pages.last_mut() {
            page.push(Line {
                x: MARGIN + indent,
                y: self.y,
                size,
                bold,
                red: false,
                text,
            });
        }
    }

    fn heading(&mut self, text: &str) {
        self.room(BODY * 5.0);
        self.y += BODY * 0.8;
        self.text(text, 12.0, true, 0.0);
    }

    fn gap(&mut self) {
        self.y += BODY * 0.5;
    }
}

fn time(t: Option<DateTime<Utc>>) -> String {
    t.map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_else(|| "—".into())
}

fn kind(k: TimelineKind) -> &'static str {
    match k {
        TimelineKind::Release => "released",
        TimelineKind::Hold => "held",
        TimelineKind::Skip => "skipped",
        TimelineKind::Response => "response",
        TimelineKind::Observation => "observation",
    }
}

/// The report's pages of lines, the marking not yet added.
fn layout(r: &AfterActionReport, metrics: &Metrics) -> Vec<Vec<Line>> {
    let mut l = Layout::new(metrics);
    l.text(
        &format!("After-action report: {}", r.exercise),
        16.0,
        true,
        0.0,
    );
    l.text(
        &format!(
            "Real time {} to {}; scenario time {} to {}.",
            time(r.real_period.0),
            time(r.real_period.1),
            time(r.scenario_period.0),
            time(r.scenario_period.1)
        ),
        BODY,
        false,
        0.0,
    );
    let c = &r.injects;
    l.heading("Injects");
    l.text(
        &format!(
            "In the MSEL {}; released on schedule {}, by hand {}, overdue {}; skipped {}; \
             not released {}; answered {}.",
            c.total, c.on_schedule, c.by_hand, c.overdue, c.skipped, c.not_released, c.answered
        ),
        BODY,
        false,
        0.0,
    );
    l.heading("Objectives");
    for o in &r.objectives {
        let assessment = serde_json::to_value(o.assessment)
            .ok()
            .and_then(|v| v.as_str().map(|s| s.replace('_', " ")))
            .unwrap_or_default();
        l.text(&format!("{} {}", o.id.as_str(), o.text), BODY, true, 0.0);
        l.text(
            &format!(
                "T {} · P {} · U {}: {assessment}. Injects: {}.",
                o.ratings[0],
                o.ratings[1],
                o.ratings[2],
                o.injects
                    .iter()
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            BODY,
            false,
            12.0,
        );
        for crit in &o.criteria {
            l.text(&format!("– {crit}"), BODY, false, 12.0);
        }
        l.gap();
    }
    l.heading("Timeline");
    for e in &r.timeline {
        let inject = e.inject.map(|i| format!(" #{i}")).unwrap_or_default();
        l.text(
            &format!(
                "{} (scenario {}) {}{inject} {}: {}",
                time(Some(e.real_at)),
                time(e.scenario_at),
                kind(e.kind),
                e.who,
                e.text
            ),
            BODY,
            false,
            0.0,
        );
    }
    l.heading("Observations");
    if r.observations.is_empty() {
        l.text("No observations were recorded.", BODY, false, 0.0);
    }
    for o in &r.observations {
        let inject = o
            .inject
            .map(|i| format!(", inject {i}"))
            .unwrap_or_default();
        l.text(
            &format!(
                "{} on {} ({}{inject}): {}",
                o.observer,
                o.objective.as_str(),
                o.rating,
                o.text
            ),
            BODY,
            false,
            0.0,
        );
    }
    l.heading("Corrective actions still open");
    if r.open_actions.is_empty() {
        l.text("None.", BODY, false, 0.0);
    }
    for a in &r.open_actions {
        l.text(
            &format!(
                "{} — {}, due {}{}",
                a.title,
                a.owner,
                a.due,
                if a.overdue { " (overdue)" } else { "" }
            ),
            BODY,
            false,
            0.0,
        );
    }
    l.pages
}

fn face(data: &'static [u8]) -> Result<ttf_parser::Face<'static>, String> {
    ttf_parser::Face::parse(data, 0).map_err(|e| format!("the embedded font: {e}"))
}

/// The report as a PDF document.
pub fn pdf(r: &AfterActionReport) -> Result<Vec<u8>, String> {
    let (regular_data, bold_data) = (dejavu::sans::regular(), dejavu::sans::bold());
    let metrics = Metrics {
        regular: face(regular_data)?,
        bold: face(bold_data)?,
    };
    let regular = Font::new(regular_data.into(), 0).ok_or("the embedded regular font")?;
    let bold = Font::new(bold_data.into(), 0).ok_or("the embedded bold font")?;
    let marking = format!("EXERCISE {}", r.marking);
    let pages = layout(r, &metrics);
    let count = pages.len();
    let mut doc = Document::new();
    doc.set_metadata(
        krilla::metadata::Metadata::new()
            .title(format!("After-action report: {}", r.exercise))
            .creator("crc".into()),
    );
    for (n, lines) in pages.into_iter().enumerate() {
        let settings = PageSettings::from_wh(WIDTH, HEIGHT).ok_or("the page size")?;
        let mut page = doc.start_page_with(settings);
        let mut surface = page.surface();
        let head = metrics.width(&marking, 10.0, true);
        let footer = format!("{marking} · page {} of {count}", n + 1);
        let foot = metrics.width(&footer, 8.0, false);
        let mut all = lines;
        all.push(Line {
            x: (WIDTH - head) / 2.0,
            y: MARGIN,
            size: 10.0,
            bold: true,
            red: true,
            text: marking.clone(),
        });
        all.push(Line {
            x: (WIDTH - foot) / 2.0,
            y: HEIGHT - MARGIN + 10.0,
            size: 8.0,
            bold: false,
            red: true,
            text: footer,
        });
        for line in all {
            let colour = if line.red {
                rgb::Color::new(170, 0, 0)
            } else {
                rgb::Color::new(17, 17, 17)
            };
            surface.set_fill(Some(Fill {
                paint: colour.into(),
                opacity: NormalizedF32::ONE,
                rule: Default::default(),
            }));
            surface.draw_text(
                Point::from_xy(line.x, line.y),
                if line.bold {
                    bold.clone()
                } else {
                    regular.clone()
                },
                line.size,
                &line.text,
                false,
                TextDirection::Auto,
            );
        }
        surface.finish();
        page.finish();
    }
    doc.finish().map_err(|e| format!("writing the PDF: {e:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_wraps_within_the_margins_and_flows_onto_new_pages() {
        let metrics = Metrics {
            regular: face(dejavu::sans::regular()).unwrap(),
            bold: face(dejavu::sans::bold()).unwrap(),
        };
        let mut l = Layout::new(&metrics);
        let para = "Северия просит помощи у Организации, и the Joint Staff answers. ".repeat(200);
        l.text(&para, BODY, false, 0.0);
        assert!(l.pages.len() > 1, "{} pages", l.pages.len());
        for line in l.pages.iter().flatten() {
            let right = line.x + metrics.width(&line.text, line.size, line.bold);
            assert!(right <= WIDTH - MARGIN + 0.01, "{right}: {}", line.text);
            assert!(line.y <= BOTTOM, "{}", line.y);
        }
        // Nothing is lost in the wrapping.
        let words: usize = l
            .pages
            .iter()
            .flatten()
            .map(|x| x.text.split_whitespace().count())
            .sum();
        assert_eq!(words, para.split_whitespace().count());
    }
}
